package dev.flotilla.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.status.PendingEvent;
import dev.flotilla.hub.store.BundleStatusRecord;
import dev.flotilla.hub.store.EventRecord;
import dev.flotilla.model.Digest;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent on a manual clock against a real hub (HTTPS, SQLite) reached through a real TCP link
 * that is cut: the cluster stays at the desired state for a week without the hub, through drift and
 * two restarts, and every event of the week reaches the hub once.
 */
class AgentOfflineIT {
  private static final String TRUCK = "truck-17";
  private static final ObjectRef CONFIG =
      new ObjectRef("v1", "ConfigMap", "telemetry", "collector-config");
  private static final ObjectRef COLLECTOR =
      new ObjectRef("apps/v1", "Deployment", "telemetry", "collector");
  private static final ObjectRef GATEWAY =
      new ObjectRef("apps/v1", "Deployment", "edge", "gateway");
  private static final ObjectRef GATEWAY_SERVICE =
      new ObjectRef("v1", "Service", "edge", "gateway");

  @TempDir Path dir;

  @Test
  void keepsTheClusterAtItsStateForAWeekOfflineThenDeliversEveryEventOnce() throws Exception {
    try (TestFleet fleet = TestFleet.start(dir);
        EdgeDevice<InMemoryCluster> truck =
            EdgeDevice.inMemory(TRUCK, fleet.address(), fleet.token(), dir.resolve("truck"), 17)) {
      convergeOnline(fleet, truck);
      int storedBefore = fleet.events(TRUCK).size();
      assertThat(storedBefore).isPositive();

      truck.link.setUp(false);
      Instant cut = truck.clock.instant();

      // day 1: kubectl edit and a deletion, undone by the next drift check
      truck.runFor(Duration.ofDays(1));
      truck.cluster.edit(CONFIG, "kubectl-edit", body -> map(body, "data").put("interval", "1s"));
      truck.cluster.delete(GATEWAY_SERVICE);
      truck.runFor(Duration.ofMinutes(6));
      assertThat(truck.cluster.get(CONFIG).orElseThrow().at("data.interval")).contains("30s");
      assertThat(truck.has(GATEWAY_SERVICE)).isTrue();

      // day 2: the device reboots and a workload went missing meanwhile: the new agent puts it
      // back from its local store in its first step, without the hub
      truck.runFor(Duration.ofDays(1));
      truck.restart(() -> truck.cluster.delete(COLLECTOR));
      truck.step();
      assertThat(truck.has(COLLECTOR)).isTrue();
      assertThat(truck.agent().loop().orElseThrow().hubReachable()).isFalse();

      // day 4: kubectl scale
      truck.runFor(Duration.ofDays(2));
      truck.cluster.edit(GATEWAY, "kubectl-scale", body -> map(body, "spec").put("replicas", 7));
      truck.runFor(Duration.ofMinutes(6));
      assertThat(truck.cluster.get(GATEWAY).orElseThrow().at("spec.replicas")).contains(2);

      // day 5: a second restart
      truck.runFor(Duration.ofDays(1));
      truck.restart(() -> truck.cluster.delete(CONFIG));
      truck.step();
      assertThat(truck.has(CONFIG)).isTrue();

      Duration longestSleep =
          truck.runFor(Duration.between(truck.clock.instant(), cut.plus(Duration.ofDays(7))));
      assertThat(longestSleep).isLessThanOrEqualTo(EdgeDevice.SYNC.maxBackoff());
      assertThat(fleet.events(TRUCK)).hasSize(storedBefore);
      assertThat(truck.restarts()).isEqualTo(2);

      List<PendingEvent> week = truck.agent().status().pendingEvents();
      assertThat(week)
          .extracting(PendingEvent::type)
          .contains("DriftCorrected", "Applied")
          .doesNotContain("CacheCorrupt", "DocumentRejected");
      Path queueFile = truck.agent().store().fileOf("status");
      byte[] queueBeforeDelivery = Files.readAllBytes(queueFile);

      truck.link.setUp(true);
      drainTo(fleet, truck);

      List<EventRecord> stored = fleet.events(TRUCK);
      assertThat(stored.subList(storedBefore, stored.size()))
          .extracting(e -> e.seq() + " " + e.type())
          .containsExactlyElementsOf(week.stream().map(e -> e.seq() + " " + e.type()).toList());
      assertThat(stored)
          .extracting(EventRecord::seq)
          .containsExactlyElementsOf(
              LongStream.rangeClosed(1, truck.agent().status().lastEventSeq()).boxed().toList());
      assertThat(stored)
          .filteredOn(e -> e.type().equals("DriftCorrected"))
          .extracting(EventRecord::message)
          .anySatisfy(m -> assertThat(m).contains("taken back from kubectl-edit"))
          .anySatisfy(m -> assertThat(m).contains(GATEWAY_SERVICE + " missing, restored"));

      // back online, one more drift, reported at once
      truck.cluster.edit(GATEWAY, "kubectl-edit", body -> map(body, "spec").put("replicas", 3));
      truck.runFor(Duration.ofMinutes(6));
      drainTo(fleet, truck);
      assertThat(fleet.events(TRUCK)).hasSize(stored.size() + 1);

      // the queue file rolls back to before the week was delivered (a crash between sending and
      // saving the receipt, a restored backup): the restarted agent holds the week's events
      // again, and the hub counts none of them twice
      truck.restart(() -> Files.write(queueFile, queueBeforeDelivery));
      assertThat(truck.agent().status().pendingEvents()).hasSameSizeAs(week);
      drainTo(fleet, truck);
      assertThat(fleet.events(TRUCK)).hasSize(stored.size() + 1);
      assertThat(fleet.bundles(TRUCK))
          .extracting(BundleStatusRecord::bundle, BundleStatusRecord::health)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("gateway", BundleStatus.Health.READY),
              org.assertj.core.groups.Tuple.tuple("telemetry", BundleStatus.Health.READY));
    }
  }

  @Test
  void manifestsFlippedByOneByteAreDetectedAndNeverApplied() throws Exception {
    try (TestFleet fleet = TestFleet.start(dir);
        EdgeDevice<InMemoryCluster> truck =
            EdgeDevice.inMemory(TRUCK, fleet.address(), fleet.token(), dir.resolve("truck"), 18)) {
      convergeOnline(fleet, truck);
      DesiredBundle telemetry =
          truck.agent().loop().orElseThrow().current().orElseThrow().bundles().stream()
              .filter(b -> b.name().equals("telemetry"))
              .findFirst()
              .orElseThrow();
      Path blob =
          truck.agent().store().fileOf(LocalStore.blobName(Digest.parse(telemetry.digest())));
      truck.link.setUp(false);
      long writes = truck.cluster.applyCount();

      truck.restart(
          () -> {
            byte[] bytes = Files.readAllBytes(blob);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(blob, bytes);
          });
      truck.step();

      assertThat(blob).doesNotExist();
      assertThat(truck.cluster.applyCount()).isEqualTo(writes);
      assertThat(truck.has(COLLECTOR)).isTrue();
      assertThat(truck.has(GATEWAY)).isTrue();
      assertThat(truck.agent().status().bundleState("telemetry").orElseThrow())
          .satisfies(
              s -> {
                assertThat(s.sync()).isEqualTo(BundleStatus.SyncState.FAILED);
                assertThat(s.message()).startsWith("local manifests discarded");
              });

      truck.link.setUp(true);
      drainTo(fleet, truck);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                truck.step();
                return Files.exists(blob)
                    && truck.agent().status().bundleState("telemetry").orElseThrow().sync()
                        == BundleStatus.SyncState.APPLIED
                    && !truck.agent().status().pending();
              });
      assertThat(truck.cluster.applyCount()).isEqualTo(writes);
      assertThat(fleet.events(TRUCK))
          .filteredOn(e -> e.type().equals("CacheCorrupt"))
          .singleElement()
          .satisfies(e -> assertThat(e.bundle()).isEqualTo("telemetry"));
    }
  }

  private static void convergeOnline(TestFleet fleet, EdgeDevice<?> truck) {
    fleet.awaitConverged(truck);
    assertThat(truck.has(COLLECTOR)).isTrue();
    assertThat(truck.has(GATEWAY)).isTrue();
  }

  private static void drainTo(TestFleet fleet, EdgeDevice<?> truck) {
    fleet.awaitDrained(truck);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> body, String key) {
    return (Map<String, Object>) body.get(key);
  }
}
