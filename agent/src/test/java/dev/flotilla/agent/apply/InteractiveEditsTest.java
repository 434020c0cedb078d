package dev.flotilla.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.model.KubeObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InteractiveEditsTest {

  @ParameterizedTest
  @CsvSource({
    "kubectl, Apply, '', true",
    "kubectl, Update, '', true",
    "kubectl-edit, Update, '', true",
    "kubectl-patch, Update, '', true",
    "kubectl-scale, Update, scale, true",
    "kubectl-client-side-apply, Update, '', true",
    "before-first-apply, Update, '', true",
    "before-first-apply, Apply, '', false",
    "kubectl-edit, Update, status, false",
    "flotilla, Apply, '', false",
    "kube-controller-manager, Update, '', false",
    "horizontal-pod-autoscaler, Update, scale, false",
    "helm, Update, '', false",
  })
  void tellsInteractiveEditsFromControllers(
      String manager, String operation, String subresource, boolean interactive) {
    assertThat(
            InteractiveEdits.isInteractive(new ManagedFieldsEntry(manager, operation, subresource)))
        .isEqualTo(interactive);
  }

  @Test
  void findsTheInteractiveEntriesOfALiveObject() {
    KubeObject live =
        KubeObject.of(
            Map.of(
                "apiVersion", "v1",
                "kind", "ConfigMap",
                "metadata",
                    Map.of(
                        "name", "c",
                        "namespace", "n",
                        "managedFields",
                            List.of(
                                entry("flotilla", "Apply"),
                                entry("kubectl-edit", "Update"),
                                entry("config-operator", "Update"),
                                entry("kubectl", "Apply")))));

    assertThat(InteractiveEdits.in(live))
        .containsExactly(
            new ManagedFieldsEntry("kubectl-edit", "Update", ""),
            new ManagedFieldsEntry("kubectl", "Apply", ""));
  }

  private static Map<String, Object> entry(String manager, String operation) {
    return Map.of(
        "manager", manager, "operation", operation, "fieldsType", "FieldsV1", "fieldsV1", Map.of());
  }
}
