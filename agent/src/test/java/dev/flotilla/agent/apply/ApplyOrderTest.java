package dev.flotilla.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.ObjectRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ApplyOrderTest {
  private static final List<ObjectRef> IN_ORDER =
      List.of(
          ref("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.x.dev"),
          ref("v1", "Namespace", "", "edge"),
          ref("v1", "ServiceAccount", "edge", "web"),
          ref("rbac.authorization.k8s.io/v1", "Role", "edge", "web"),
          ref("rbac.authorization.k8s.io/v1", "RoleBinding", "edge", "web"),
          ref("v1", "ConfigMap", "edge", "a"),
          ref("v1", "ConfigMap", "edge", "b"),
          ref("v1", "Secret", "edge", "web"),
          ref("v1", "Service", "edge", "web"),
          ref("apps/v1", "Deployment", "edge", "web"),
          ref("batch/v1", "Job", "edge", "migrate"),
          ref("networking.k8s.io/v1", "Ingress", "edge", "web"),
          ref("x.dev/v1", "Widget", "edge", "w"),
          ref("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "", "v"));

  @RepeatedTest(5)
  void ordersDefinitionsThenWhatOthersReferToThenWorkloadsThenTheRest(
      org.junit.jupiter.api.RepetitionInfo info) {
    List<ObjectRef> shuffled = new ArrayList<>(IN_ORDER);
    Collections.shuffle(shuffled, new Random(info.getCurrentRepetition()));

    shuffled.sort(ApplyOrder.APPLY);

    assertThat(shuffled).containsExactlyElementsOf(IN_ORDER);
  }

  @Test
  void prunesInReverseSoNamespacesAndCrdsGoLast() {
    List<ObjectRef> refs = new ArrayList<>(IN_ORDER);

    refs.sort(ApplyOrder.PRUNE);

    assertThat(refs.subList(refs.size() - 2, refs.size()))
        .extracting(ObjectRef::kind)
        .containsExactly("Namespace", "CustomResourceDefinition");
  }

  @Test
  void onlyCoreNamespacesAndApiextensionsCrdsAreClusterDefinitions() {
    assertThat(ApplyOrder.isClusterDefinition(IN_ORDER.get(0))).isTrue();
    assertThat(ApplyOrder.isClusterDefinition(IN_ORDER.get(1))).isTrue();
    assertThat(ApplyOrder.isClusterDefinition(ref("x.dev/v1", "Namespace", "", "n"))).isFalse();
    assertThat(ApplyOrder.isCrd(IN_ORDER.get(1))).isFalse();
  }

  private static ObjectRef ref(String apiVersion, String kind, String ns, String name) {
    return new ObjectRef(apiVersion, kind, ns, name);
  }
}
