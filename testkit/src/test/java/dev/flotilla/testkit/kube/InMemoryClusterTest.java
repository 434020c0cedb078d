package dev.flotilla.testkit.kube;

import static dev.flotilla.agent.kube.Manifests.configMap;
import static dev.flotilla.agent.kube.Manifests.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.ClusterInfo;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.kube.Manifests;
import dev.flotilla.model.KubeObject;
import dev.flotilla.testkit.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the in-memory cluster offers beyond the KubeCluster contract: test hooks and setup. */
class InMemoryClusterTest {
  private final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  private final InMemoryCluster cluster =
      InMemoryCluster.builder().name("edge-1").clock(clock).build();

  @Test
  void reportsTheConfiguredFactsThroughNodesAndRuntimeClasses() {
    InMemoryCluster pi =
        InMemoryCluster.builder()
            .version("v1.29.3+k3s1")
            .arch("arm64")
            .memoryMiB(2000)
            .nodes(3)
            .runtimeClasses("wasmtime", "crun")
            .build();

    assertThat(pi.info())
        .isEqualTo(new ClusterInfo("v1.29.3+k3s1", "arm64", 2000, 3, List.of("crun", "wasmtime")));
  }

  @Test
  void anEditTakesOwnershipOfTheFieldsItChanges() {
    cluster.apply(ApplyRequest.of(configMap("default", "c", Map.of("a", "1", "b", "1")), false));

    KubeObject edited =
        cluster.edit(
            configMap("default", "c", Map.of()).ref(),
            "kubectl-edit",
            body -> data(body).put("a", "2"));

    assertThat(KubeClusterContractAccess.managers(edited))
        .containsExactly("flotilla/Apply", "kubectl-edit/Update");
    assertThatThrownBy(
            () ->
                cluster.apply(
                    ApplyRequest.of(configMap("default", "c", Map.of("a", "1", "b", "1")), false)))
        .isInstanceOf(KubeException.Conflict.class)
        .hasMessageContaining("conflict with \"kubectl-edit\" using v1: .data.a");
  }

  @Test
  void anEditCannotChangeWhoAnObjectIs() {
    KubeObject cm = cluster.apply(ApplyRequest.of(configMap("default", "c", Map.of()), false));

    KubeObject edited = cluster.edit(cm.ref(), "kubectl", body -> meta(body).put("uid", "forged"));

    assertThat(edited.at("metadata.uid")).isEqualTo(cm.at("metadata.uid"));
  }

  @Test
  void theSimulatorDecidesWorkloadStatusPerObject() {
    cluster.setWorkloadSimulator(
        WorkloadSimulator.failing(WorkloadSimulator.imageContains(":broken")));

    KubeObject good =
        cluster.apply(ApplyRequest.of(deployment("default", "good", "app:1", 2), false));
    KubeObject bad =
        cluster.apply(ApplyRequest.of(deployment("default", "bad", "app:broken", 2), false));

    assertThat(good.at("status.availableReplicas")).contains(2);
    assertThat(bad.at("status.unavailableReplicas")).contains(2);
    assertThat(bad.at("status.observedGeneration")).contains(1);
  }

  @Test
  void resimulatingAppliesANewSimulatorToExistingWorkloads() {
    cluster.setWorkloadSimulator(WorkloadSimulator.none());
    KubeObject d = cluster.apply(ApplyRequest.of(deployment("default", "web", "app:1", 1), false));
    assertThat(d.at("status")).isEmpty();

    cluster.setWorkloadSimulator(WorkloadSimulator.readyAtOnce());
    cluster.resimulateWorkloads();

    assertThat(cluster.get(d.ref()).orElseThrow().at("status.readyReplicas")).contains(1);
  }

  @Test
  void crdsCanBeLeftUnestablishedUntilTheTestSaysSo() {
    InMemoryCluster slow = InMemoryCluster.builder().establishCrdsAtOnce(false).build();
    KubeObject crd = Manifests.crd("x.flotilla.dev", "Widget", "widgets");

    slow.apply(ApplyRequest.of(crd, false));
    assertThatThrownBy(() -> slow.resolve("x.flotilla.dev/v1", "Widget"))
        .isInstanceOf(KubeException.UnknownKind.class);

    slow.establishPendingCrds();
    assertThat(slow.resolve("x.flotilla.dev/v1", "Widget").plural()).isEqualTo("widgets");
  }

  @Test
  void deletingACrdDeletesItsResources() {
    KubeObject crd = Manifests.crd("x.flotilla.dev", "Widget", "widgets");
    cluster.apply(ApplyRequest.of(crd, false));
    KubeObject widget = Manifests.customResource("x.flotilla.dev", "Widget", "default", "w", 1);
    cluster.apply(ApplyRequest.of(widget, false));

    cluster.delete(crd.ref());
    cluster.apply(ApplyRequest.of(crd, false));

    assertThat(cluster.get(widget.ref())).isEmpty();
  }

  @Test
  void aCrdNamedOtherwiseThanPluralDotGroupIsInvalid() {
    Map<String, Object> body = Manifests.crd("x.flotilla.dev", "Widget", "widgets").mutableBody();
    meta(body).put("name", "wrong.x.flotilla.dev");

    assertThatThrownBy(() -> cluster.apply(ApplyRequest.of(KubeObject.of(body), false)))
        .isInstanceOf(KubeException.Invalid.class);
  }

  @Test
  void timestampsComeFromTheInjectedClock() {
    KubeObject cm = cluster.apply(ApplyRequest.of(configMap("default", "c", Map.of()), false));

    assertThat(cm.at("metadata.creationTimestamp")).contains("2026-01-01T00:00:00Z");
  }

  @Test
  void uidsAreReproducibleFromRunToRun() {
    InMemoryCluster again = InMemoryCluster.builder().name("edge-1").clock(clock).build();

    KubeObject a = cluster.apply(ApplyRequest.of(configMap("default", "c", Map.of()), false));
    KubeObject b = again.apply(ApplyRequest.of(configMap("default", "c", Map.of()), false));

    assertThat(a.at("metadata.uid")).isEqualTo(b.at("metadata.uid"));
  }

  @Test
  void anUnreachableClusterStillTakesChangesBehindTheAgentsBack() {
    KubeObject cm =
        cluster.apply(ApplyRequest.of(configMap("default", "c", Map.of("a", "1")), false));
    cluster.setReachable(false);

    cluster.edit(cm.ref(), "kubectl", body -> data(body).put("a", "2"));

    assertThatThrownBy(() -> cluster.get(cm.ref())).isInstanceOf(KubeException.Unavailable.class);
    cluster.setReachable(true);
    assertThat(cluster.get(cm.ref()).orElseThrow().at("data.a")).contains("2");
  }

  @Test
  void concurrentAppliesAllLand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<KubeObject>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        KubeObject cm = configMap("default", "c-" + (i % 50), Map.of("k" + i, "v"));
        String manager = "m" + i;
        futures.add(pool.submit(() -> cluster.apply(ApplyRequest.of(cm, false).as(manager))));
      }
      for (Future<KubeObject> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    KubeObject c0 = cluster.get(configMap("default", "c-0", Map.of()).ref()).orElseThrow();
    assertThat(((Map<?, ?>) c0.at("data").orElseThrow()).keySet())
        .extracting(String::valueOf)
        .containsExactlyInAnyOrder("k0", "k50", "k100", "k150");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> body) {
    return (Map<String, Object>) body.get("data");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Map<String, Object> body) {
    return (Map<String, Object>) body.get("metadata");
  }
}
