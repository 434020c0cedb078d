package dev.flotilla.agent.kube.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.model.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManagedFieldsPatchTest {
  private static final ManagedFieldsEntry EDIT =
      new ManagedFieldsEntry("kubectl-edit", ManagedFieldsEntry.UPDATE, "");

  @Test
  void testsTheVersionThenReplacesTheListWithoutTheDroppedEntries() {
    KubeObject live = object(entry("flotilla", "Apply"), entry("kubectl-edit", "Update"));

    String patch = ManagedFieldsPatch.without(live, Set.of(EDIT)).orElseThrow();

    assertThat(patch)
        .contains("{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"42\"}")
        .contains("\"op\":\"replace\",\"path\":\"/metadata/managedFields\"")
        .contains("\"manager\":\"flotilla\"")
        .doesNotContain("kubectl-edit");
  }

  @Test
  void refusesToDropEveryEntry() {
    assertThatThrownBy(
            () -> ManagedFieldsPatch.without(object(entry("kubectl-edit", "Update")), Set.of(EDIT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before-first-apply");
  }

  @Test
  void nothingToDropIsNoPatch() {
    assertThat(ManagedFieldsPatch.without(object(entry("flotilla", "Apply")), Set.of(EDIT)))
        .isEmpty();
    assertThat(ManagedFieldsPatch.without(object(), Set.of(EDIT))).isEmpty();
  }

  private static KubeObject object(Map<?, ?>... entries) {
    return KubeObject.of(
        Map.of(
            "apiVersion", "v1",
            "kind", "ConfigMap",
            "metadata",
                Map.of(
                    "name", "c",
                    "namespace", "n",
                    "resourceVersion", "42",
                    "managedFields", List.of(entries))));
  }

  private static Map<String, Object> entry(String manager, String operation) {
    return Map.of("manager", manager, "operation", operation, "fieldsV1", Map.of());
  }
}
