package dev.flotilla.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.fabric8.Fabric8Cluster;
import dev.flotilla.agent.kube.fabric8.Kubectl;
import dev.flotilla.agent.kube.fabric8.RealApiServer;
import dev.flotilla.hub.store.EventRecord;
import dev.flotilla.model.ObjectRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's own loop against a real kube-apiserver and a real hub: it converges, takes back what
 * the real kubectl changed at the next drift check, and after a restart with the hub gone puts back
 * what was deleted from its local store alone. The agent's clock is manual (drift checks without
 * waiting minutes); the API server and the hub run in real time.
 */
@ExtendWith(RealApiServer.class)
class AgentRealClusterIT {
  private static final String EDGE = "edge-real-1";

  @TempDir Path dir;
  private final String prefix = "it" + UUID.randomUUID().toString().substring(0, 6) + "-";
  private final Kubectl kubectl = new Kubectl(RealApiServer.kubeconfig());

  @AfterEach
  void deleteNamespaces() {
    kubectl.run(
        "delete",
        "namespace",
        prefix + "telemetry",
        prefix + "edge",
        "--wait=false",
        "--ignore-not-found");
  }

  @Test
  void convergesCorrectsKubectlDriftAndRestartsFromItsLocalStore() throws Exception {
    ObjectRef config = new ObjectRef("v1", "ConfigMap", prefix + "telemetry", "collector-config");
    ObjectRef gateway = new ObjectRef("apps/v1", "Deployment", prefix + "edge", "gateway");
    ObjectRef service = new ObjectRef("v1", "Service", prefix + "edge", "gateway");
    try (TestFleet fleet = TestFleet.start(dir, prefix, 0);
        EdgeDevice<Fabric8Cluster> device =
            EdgeDevice.of(
                EDGE,
                fleet.address(),
                fleet.token(),
                dir.resolve("agent"),
                5,
                Fabric8Cluster.fromKubeconfig(RealApiServer.kubeconfig()))) {
      fleet.awaitConverged(device);
      assertThat(device.has(config)).isTrue();

      kubectl.run(
          Map.of("KUBE_EDITOR", "sed -i s/30s/1s/"),
          null,
          "-n",
          prefix + "telemetry",
          "edit",
          "configmap/collector-config");
      kubectl.run("-n", prefix + "edge", "scale", "deployment/gateway", "--replicas=3");
      kubectl.run("-n", prefix + "edge", "delete", "service/gateway");
      device.runFor(Duration.ofMinutes(6));

      assertThat(device.cluster.get(config).orElseThrow().at("data.interval")).contains("30s");
      assertThat(device.cluster.get(gateway).orElseThrow().at("spec.replicas")).contains(0);
      assertThat(device.has(service)).isTrue();
      fleet.awaitDrained(device);
      assertThat(fleet.events(EDGE))
          .filteredOn(e -> e.type().equals("DriftCorrected"))
          .extracting(EventRecord::message)
          .anySatisfy(m -> assertThat(m).contains("taken back from kubectl-edit"))
          .anySatisfy(m -> assertThat(m).contains(service + " missing, restored"));

      device.link.setUp(false);
      device.restart(
          () -> {
            kubectl.run("-n", prefix + "telemetry", "delete", "configmap/collector-config");
            kubectl.run("-n", prefix + "edge", "delete", "service/gateway");
          });
      device.step();

      assertThat(device.has(config)).isTrue();
      assertThat(device.has(service)).isTrue();
      assertThat(device.agent().loop().orElseThrow().hubReachable()).isFalse();
    }
  }
}
