package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.configMap;
import static dev.flotilla.agent.kube.Manifests.deployment;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.kube.Manifests;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleApplierApplyTest {
  private final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  private final InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).build();
  private final List<Duration> sleeps = new ArrayList<>();
  private final BundleApplier applier =
      new BundleApplier(
          cluster,
          clock,
          d -> {
            sleeps.add(d);
            clock.advance(d);
          });

  private final List<KubeObject> bundle =
      List.of(
          deployment("edge", "web", "nginx:1.25", 2),
          configMap("edge", "web-config", Map.of("mode", "edge")),
          namespace("edge"));

  @Test
  void createsObjectsAndRecordsThemInTheInventory() {
    BundleResult result = applier.apply("web", bundle, BundleOptions.DEFAULT, Inventory.empty());

    assertThat(result.changes().entries())
        .extracting(ChangeSetEntry::action)
        .containsOnly(Action.CREATED);
    assertThat(result.inventory().entries())
        .containsExactlyInAnyOrderElementsOf(bundle.stream().map(KubeObject::ref).toList());
    assertThat(result.errors()).isEmpty();
    assertThat(cluster.get(bundle.get(0).ref())).isPresent();
  }

  @Test
  void appliesNamespacesFirstThenInKindOrder() {
    BundleResult result = applier.apply("web", bundle, BundleOptions.DEFAULT, Inventory.empty());

    assertThat(result.changes().entries())
        .extracting(e -> e.ref().kind())
        .containsExactly("Namespace", "ConfigMap", "Deployment");
  }

  @Test
  void doesNotWriteUnchangedObjects() {
    BundleResult first = applier.apply("web", bundle, BundleOptions.DEFAULT, Inventory.empty());
    long writes = cluster.applyCount();

    BundleResult second = applier.apply("web", bundle, BundleOptions.DEFAULT, first.inventory());

    assertThat(second.changes().entries())
        .extracting(ChangeSetEntry::action)
        .containsOnly(Action.UNCHANGED);
    assertThat(cluster.applyCount()).isEqualTo(writes);
    assertThat(second.inventory()).isEqualTo(first.inventory());
  }

  @Test
  void configuresChangedObjectsAndSaysWhatChanged() {
    BundleResult first = applier.apply("web", bundle, BundleOptions.DEFAULT, Inventory.empty());
    List<KubeObject> scaled =
        List.of(bundle.get(2), bundle.get(1), deployment("edge", "web", "nginx:1.25", 3));

    BundleResult second = applier.apply("web", scaled, BundleOptions.DEFAULT, first.inventory());

    assertThat(second.changes().entry(bundle.get(0).ref()))
        .hasValueSatisfying(
            e -> {
              assertThat(e.action()).isEqualTo(Action.CONFIGURED);
              assertThat(e.message()).isEqualTo("spec.replicas");
            });
    assertThat(second.changes().with(Action.UNCHANGED)).hasSize(2);
  }

  @Test
  void labelsEveryObjectWithItsBundle() {
    applier.apply("web", bundle, BundleOptions.DEFAULT, Inventory.empty());

    for (KubeObject o : bundle) {
      assertThat(cluster.get(o.ref()).orElseThrow().labels())
          .containsEntry(BundleLabels.BUNDLE, "web");
    }
  }

  @Test
  void anUnknownKindFailsThatObjectOnly() {
    List<KubeObject> withTypo = new ArrayList<>(bundle);
    withTypo.add(Manifests.object("apps/v1", "Deploymnet", "edge", "typo", Map.of()));

    BundleResult result = applier.apply("web", withTypo, BundleOptions.DEFAULT, Inventory.empty());

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ref().kind()).isEqualTo("Deploymnet");
              assertThat(e.message()).contains("does not serve kind Deploymnet");
            });
    assertThat(result.changes().with(Action.CREATED)).hasSize(3);
    assertThat(result.inventory().entries()).hasSize(3);
    assertThat(result.health().state()).isEqualTo(BundleHealth.State.FAILED);
  }

  @Test
  void objectsOutsideTheAllowedNamespacesFailAndAreNotApplied() {
    BundleOptions onlyEdge = new BundleOptions(false, true, List.of("edge"));
    List<KubeObject> objects =
        List.of(
            namespace("edge"),
            configMap("edge", "ok", Map.of()),
            configMap("default", "elsewhere", Map.of()),
            Manifests.clusterRole("too-wide"));

    BundleResult result = applier.apply("web", objects, onlyEdge, Inventory.empty());

    assertThat(result.errors())
        .extracting(e -> e.ref().name())
        .containsExactlyInAnyOrder("elsewhere", "too-wide");
    assertThat(cluster.get(objects.get(2).ref())).isEmpty();
    assertThat(cluster.get(objects.get(3).ref())).isEmpty();
    assertThat(cluster.get(objects.get(1).ref())).isPresent();
  }

  @Test
  void aConflictFailsWithoutForceAndWinsWithIt() {
    KubeObject cm = configMap("default", "shared", Map.of("owner", "flotilla"));
    cluster.apply(
        ApplyRequest.of(configMap("default", "shared", Map.of("owner", "ops")), false)
            .as("config-operator"));

    BundleResult polite =
        applier.apply("web", List.of(cm), BundleOptions.DEFAULT, Inventory.empty());
    assertThat(polite.errors())
        .singleElement()
        .satisfies(
            e -> assertThat(e.message()).contains("config-operator").contains("forceConflicts"));
    assertThat(polite.inventory().isEmpty()).isTrue();

    BundleResult forced =
        applier.apply(
            "web", List.of(cm), new BundleOptions(true, true, List.of()), Inventory.empty());
    assertThat(forced.changes().entries())
        .extracting(ChangeSetEntry::action)
        .containsExactly(Action.CONFIGURED);
    assertThat(cluster.get(cm.ref()).orElseThrow().at("data.owner")).contains("flotilla");
  }

  @Test
  void adoptsAnObjectSomeoneMadeWithKubectl() {
    KubeObject cm = configMap("default", "handmade", Map.of("owner", "flotilla"));
    cluster.apply(
        ApplyRequest.of(configMap("default", "handmade", Map.of("owner", "ops")), false)
            .as("kubectl"));

    BundleResult result =
        applier.apply("web", List.of(cm), BundleOptions.DEFAULT, Inventory.empty());

    assertThat(result.changes().entries())
        .extracting(e -> e.action() + " " + e.message())
        .containsExactly("CONFIGURED metadata.labels, data.owner (taken back from kubectl)");
    assertThat(cluster.get(cm.ref()).orElseThrow().at("data.owner")).contains("flotilla");
  }

  @Test
  void anObjectListedTwiceFailsTheSecondTime() {
    List<KubeObject> twice =
        List.of(
            namespace("edge"),
            configMap("edge", "c", Map.of()),
            configMap("edge", "c", Map.of("a", "b")));

    BundleResult result = applier.apply("web", twice, BundleOptions.DEFAULT, Inventory.empty());

    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("more than once"));
    assertThat(result.changes().with(Action.CREATED)).hasSize(2);
  }

  @Test
  void aNamespacedObjectWithoutItsNamespaceFails() {
    BundleResult result =
        applier.apply(
            "web",
            List.of(configMap("nowhere", "c", Map.of())),
            BundleOptions.DEFAULT,
            Inventory.empty());

    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("nowhere"));
  }

  @Test
  void clusterScopedObjectsAreRecordedWithoutANamespace() {
    KubeObject role = Manifests.clusterRole("reader").withNamespace("edge");

    BundleResult result =
        applier.apply("web", List.of(role), BundleOptions.DEFAULT, Inventory.empty());

    assertThat(result.inventory().entries())
        .containsExactly(
            new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", "", "reader"));
  }

  @Test
  void anUnreachableApiEndsTheRun() {
    cluster.setReachable(false);

    assertThatThrownBy(() -> applier.apply("web", bundle, BundleOptions.DEFAULT, Inventory.empty()))
        .isInstanceOf(KubeException.Unavailable.class);
  }

  @Test
  void rejectsBundleNamesThatCannotBeLabelValues() {
    assertThatThrownBy(
            () -> applier.apply("no spaces", bundle, BundleOptions.DEFAULT, Inventory.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sleeps).isEmpty();
  }
}
