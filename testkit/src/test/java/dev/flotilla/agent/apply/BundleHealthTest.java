package dev.flotilla.agent.apply;

import static dev.flotilla.agent.kube.Manifests.daemonSet;
import static dev.flotilla.agent.kube.Manifests.deployment;
import static dev.flotilla.agent.kube.Manifests.job;
import static dev.flotilla.agent.kube.Manifests.namespace;
import static dev.flotilla.agent.kube.Manifests.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import dev.flotilla.testkit.kube.WorkloadSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleHealthTest {
  private final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  private final List<KubeObject> workloads =
      List.of(
          namespace("edge"),
          deployment("edge", "web", "nginx:1.25", 2),
          statefulSet("edge", "db", "postgres:16"),
          daemonSet("edge", "agent", "agent:1"),
          job("edge", "migrate", "migrate:1"));

  @Test
  void workloadsThatBecomeReadyMakeTheBundleReady() {
    BundleResult result = apply(InMemoryCluster.builder().clock(clock).build(), workloads);

    assertThat(result.health().state()).isEqualTo(BundleHealth.State.READY);
    assertThat(result.health().objects())
        .extracting(ObjectHealth::status)
        .containsOnly(ObjectHealth.Status.CURRENT);
  }

  @Test
  void oneFailingDeploymentFailsTheBundle() {
    InMemoryCluster cluster =
        InMemoryCluster.builder()
            .clock(clock)
            .workloads(WorkloadSimulator.failing(WorkloadSimulator.imageContains("nginx")))
            .build();

    BundleResult result = apply(cluster, workloads);

    assertThat(result.health().state()).isEqualTo(BundleHealth.State.FAILED);
    assertThat(result.health().messages())
        .containsExactly("Deployment.apps/edge/web FAILED: progress deadline exceeded");
  }

  @Test
  void aFailingJobFailsTheBundle() {
    InMemoryCluster cluster =
        InMemoryCluster.builder()
            .clock(clock)
            .workloads(WorkloadSimulator.failing(WorkloadSimulator.imageContains("migrate")))
            .build();

    assertThat(apply(cluster, workloads).health().messages())
        .singleElement()
        .asString()
        .startsWith("Job.batch/edge/migrate FAILED: Job failed: BackoffLimitExceeded");
  }

  @Test
  void workloadsThatNeverBecomeReadyKeepTheBundleProgressing() {
    InMemoryCluster cluster =
        InMemoryCluster.builder().clock(clock).workloads(WorkloadSimulator.stalled()).build();

    BundleResult result = apply(cluster, workloads);

    assertThat(result.health().state()).isEqualTo(BundleHealth.State.PROGRESSING);
    assertThat(result.health().messages()).hasSize(4);
  }

  @Test
  void healthFollowsTheClusterAfterTheRun() {
    InMemoryCluster cluster =
        InMemoryCluster.builder().clock(clock).workloads(WorkloadSimulator.stalled()).build();
    BundleApplier applier = new BundleApplier(cluster, clock, clock::advance);
    Inventory inventory =
        applier.apply("app", workloads, BundleOptions.DEFAULT, Inventory.empty()).inventory();

    cluster.setWorkloadSimulator(WorkloadSimulator.readyAtOnce());
    cluster.resimulateWorkloads();

    assertThat(applier.health(inventory).state()).isEqualTo(BundleHealth.State.READY);
  }

  @Test
  void anObjectDeletedBehindFlotillasBackIsNotFound() {
    InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).build();
    BundleApplier applier = new BundleApplier(cluster, clock, clock::advance);
    Inventory inventory =
        applier.apply("app", workloads, BundleOptions.DEFAULT, Inventory.empty()).inventory();

    cluster.delete(workloads.get(1).ref());

    BundleHealth health = applier.health(inventory);
    assertThat(health.state()).isEqualTo(BundleHealth.State.PROGRESSING);
    assertThat(health.messages()).containsExactly("Deployment.apps/edge/web NOT_FOUND: not found");
  }

  private BundleResult apply(InMemoryCluster cluster, List<KubeObject> objects) {
    return new BundleApplier(cluster, clock, clock::advance)
        .apply("app", objects, BundleOptions.DEFAULT, Inventory.empty());
  }
}
