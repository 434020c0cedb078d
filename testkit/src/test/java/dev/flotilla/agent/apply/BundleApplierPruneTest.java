package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.configMap;
import static dev.flotilla.agent.kube.Manifests.deployment;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BundleApplierPruneTest {
  private final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  private final InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).build();
  private final BundleApplier applier = new BundleApplier(cluster, clock, clock::advance);

  private final KubeObject ns = namespace("edge");
  private final KubeObject web = deployment("edge", "web", "nginx:1.25", 1);
  private final KubeObject config = configMap("edge", "web-config", Map.of("a", "1"));
  private final KubeObject extra = configMap("edge", "extra", Map.of("b", "2"));
  private Inventory applied;

  @BeforeEach
  void applyFourObjects() {
    applied =
        applier
            .apply("web", List.of(ns, web, config, extra), BundleOptions.DEFAULT, Inventory.empty())
            .inventory();
  }

  @Test
  void deletesWhatTheBundleNoLongerContains() {
    BundleResult result =
        applier.apply("web", List.of(ns, web, config), BundleOptions.DEFAULT, applied);

    assertThat(result.changes().entry(extra.ref()).map(ChangeSetEntry::action))
        .contains(Action.DELETED);
    assertThat(cluster.get(extra.ref())).isEmpty();
    assertThat(result.inventory().contains(extra.ref())).isFalse();
    assertThat(result.inventory().entries()).hasSize(3);
  }

  @Test
  void keepsObjectsAnnotatedPruneDisabled() {
    cluster.edit(
        extra.ref(), "kubectl-annotate", body -> annotate(body, BundleLabels.PRUNE, "disabled"));

    BundleResult result =
        applier.apply("web", List.of(ns, web, config), BundleOptions.DEFAULT, applied);

    assertThat(result.changes().entry(extra.ref()))
        .hasValueSatisfying(
            e -> {
              assertThat(e.action()).isEqualTo(Action.SKIPPED);
              assertThat(e.message()).contains("flotilla.dev/prune");
            });
    assertThat(cluster.get(extra.ref())).isPresent();
    assertThat(result.inventory().contains(extra.ref())).isFalse();
  }

  @Test
  void leavesObjectsThatNoLongerCarryTheBundleLabel() {
    cluster.edit(
        extra.ref(), "kubectl-label", body -> labels(body).put(BundleLabels.BUNDLE, "other"));

    BundleResult result =
        applier.apply("web", List.of(ns, web, config), BundleOptions.DEFAULT, applied);

    assertThat(result.changes().entry(extra.ref()).map(ChangeSetEntry::action))
        .contains(Action.SKIPPED);
    assertThat(cluster.get(extra.ref())).isPresent();
  }

  @Test
  void neverTouchesObjectsFlotillaNeverApplied() {
    KubeObject theirs = configMap("edge", "theirs", Map.of());
    cluster.apply(ApplyRequest.of(theirs, false).as("kubectl"));
    KubeObject lookalike =
        dev.flotilla.agent.kube.Manifests.withLabel(
            configMap("edge", "lookalike", Map.of()), BundleLabels.BUNDLE, "web");
    cluster.apply(ApplyRequest.of(lookalike, false).as("helm"));

    BundleResult result = applier.apply("web", List.of(ns, web), BundleOptions.DEFAULT, applied);

    assertThat(result.changes().with(Action.DELETED))
        .extracting(e -> e.ref().name())
        .containsExactlyInAnyOrder("web-config", "extra");
    assertThat(cluster.get(theirs.ref())).isPresent();
    assertThat(cluster.get(lookalike.ref())).isPresent();
  }

  @Test
  void prunesNothingWhenTheBundleTurnedPruningOff() {
    BundleOptions noPrune = new BundleOptions(false, false, List.of());

    BundleResult result = applier.apply("web", List.of(ns, web, config), noPrune, applied);

    assertThat(result.changes().entry(extra.ref()).map(ChangeSetEntry::action))
        .contains(Action.SKIPPED);
    assertThat(cluster.get(extra.ref())).isPresent();
  }

  @Test
  void keepsAnObjectThatFailedToApplyInTheInventorySoItIsNotPruned() {
    KubeObject broken = configMap("edge", "extra", Map.of("b", 2));

    BundleResult result =
        applier.apply("web", List.of(ns, web, config, broken), BundleOptions.DEFAULT, applied);

    assertThat(result.changes().entry(extra.ref()).map(ChangeSetEntry::action))
        .contains(Action.FAILED);
    assertThat(result.inventory().contains(extra.ref())).isTrue();
    assertThat(cluster.get(extra.ref())).isPresent();
  }

  @Test
  void removingTheBundleDeletesItsInventoryNamespaceLast() {
    ChangeSet removed = applier.remove("web", applied);

    assertThat(removed.entries()).extracting(ChangeSetEntry::action).containsOnly(Action.DELETED);
    assertThat(removed.entries().get(removed.entries().size() - 1).ref()).isEqualTo(ns.ref());
    assertThat(removed.entries().get(0).ref()).isEqualTo(web.ref());
    for (ObjectRef ref : applied.entries()) {
      assertThat(cluster.get(ref)).isEmpty();
    }
  }

  @Test
  void removingTwiceFindsNothingLeft() {
    applier.remove("web", applied);

    ChangeSet again = applier.remove("web", applied);

    assertThat(again.entries()).extracting(ChangeSetEntry::message).containsOnly("already gone");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> body) {
    return (Map<String, Object>) ((Map<String, Object>) body.get("metadata")).get("labels");
  }

  @SuppressWarnings("unchecked")
  private static void annotate(Map<String, Object> body, String key, String value) {
    ((Map<String, Object>) body.get("metadata")).put("annotations", Map.of(key, value));
  }
}
