package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.crd;
import static dev.flotilla.agent.kube.Manifests.customResource;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomResourceApplyTest {
  private final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  private final InMemoryCluster cluster =
      InMemoryCluster.builder().clock(clock).establishCrdsAtOnce(false).build();
  private final List<KubeObject> objects =
      List.of(
          customResource("x.flotilla.dev", "Widget", "edge", "w", 3),
          namespace("edge"),
          crd("x.flotilla.dev", "Widget", "widgets"));
  private final List<Duration> sleeps = new ArrayList<>();

  @Test
  void waitsForTheCrdToBeEstablishedBeforeApplyingItsResources() {
    BundleApplier applier =
        new BundleApplier(
            cluster,
            clock,
            d -> {
              sleeps.add(d);
              clock.advance(d);
              if (sleeps.size() == 3) {
                cluster.establishPendingCrds();
              }
            });

    BundleResult result =
        applier.apply("widgets", objects, BundleOptions.DEFAULT, Inventory.empty());

    assertThat(sleeps).hasSize(3).containsOnly(ApplyDurations.DEFAULT.crdPollInterval());
    assertThat(result.changes().entries())
        .extracting(e -> e.ref().kind() + ":" + e.action())
        .containsExactly("CustomResourceDefinition:CREATED", "Namespace:CREATED", "Widget:CREATED");
    assertThat(cluster.get(objects.get(0).ref())).isPresent();
  }

  @Test
  void failsTheResourcesOfACrdThatIsNeverEstablishedAndGoesOn() {
    ApplyDurations tenSeconds = new ApplyDurations(Duration.ofSeconds(10), Duration.ofSeconds(1));
    BundleApplier applier =
        new BundleApplier(
            cluster,
            clock,
            d -> {
              sleeps.add(d);
              clock.advance(d);
            },
            tenSeconds);
    List<KubeObject> withConfig = new ArrayList<>(objects);
    withConfig.add(dev.flotilla.agent.kube.Manifests.configMap("edge", "c", java.util.Map.of()));

    BundleResult result =
        applier.apply("widgets", withConfig, BundleOptions.DEFAULT, Inventory.empty());

    assertThat(sleeps).hasSize(10);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ref().kind()).isEqualTo("Widget");
              assertThat(e.message())
                  .isEqualTo(
                      "CustomResourceDefinition widgets.x.flotilla.dev not established after 10s");
            });
    assertThat(result.changes().with(Action.CREATED)).hasSize(3);
  }

  @Test
  void doesNotWaitForCrdsThatAreAlreadyEstablished() {
    InMemoryCluster ready = InMemoryCluster.builder().clock(clock).build();
    BundleApplier applier = new BundleApplier(ready, clock, d -> sleeps.add(d));

    BundleResult first =
        applier.apply("widgets", objects, BundleOptions.DEFAULT, Inventory.empty());
    BundleResult second =
        applier.apply("widgets", objects, BundleOptions.DEFAULT, first.inventory());

    assertThat(sleeps).isEmpty();
    assertThat(second.changes().with(Action.UNCHANGED)).hasSize(3);
    assertThat(second.health().state()).isEqualTo(BundleHealth.State.READY);
  }
}
