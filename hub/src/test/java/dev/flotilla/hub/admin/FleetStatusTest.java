package dev.flotilla.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.BundleRecord;
import dev.flotilla.hub.store.BundleStatusRecord;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.BundleStatus.Health;
import dev.flotilla.protocol.BundleStatus.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining assignments with reports: online/offline, ready/pending/failed, synced. */
class FleetStatusTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Facts FACTS = new Facts("arm64", 2048, "v1.30.1+k3s1", "k3s", List.of(), 1, "t");

  static ClusterRecord cluster(String name, Instant lastSeen, boolean revoked) {
    return new ClusterRecord(
        ClusterId.random(),
        name,
        Labels.EMPTY,
        FACTS,
        NOW.minusSeconds(3600),
        lastSeen,
        revoked,
        "1",
        NOW.plusSeconds(3600),
        "",
        0,
        0);
  }

  static Assignment assigned(ClusterRecord c, String bundle, String digest) {
    return new Assignment(c.id(), bundle, "rev", digest, Assignment.State.ASSIGNED, "", NOW);
  }

  static BundleStatusRecord report(
      ClusterRecord c, String bundle, String digest, SyncState s, Health h) {
    return new BundleStatusRecord(c.id(), bundle, "rev", digest, s, h, "", null, NOW);
  }

  @Test
  void aClusterIsOnlineWhenSeenWithinTheOfflineWindow() {
    ClusterRecord fresh = cluster("fresh", NOW.minusSeconds(119), false);
    ClusterRecord stale = cluster("stale", NOW.minusSeconds(121), false);
    ClusterRecord revoked = cluster("revoked", NOW, true);
    FleetStatus s =
        new FleetStatus(
            List.of(fresh, stale, revoked), List.of(), List.of(), NOW, Duration.ofMinutes(2));
    assertThat(s.cluster(fresh).online()).isTrue();
    assertThat(s.cluster(stale).online()).isFalse();
    assertThat(s.cluster(revoked).online()).isFalse();
    assertThat(s.summary(List.<BundleRecord>of()))
        .satisfies(
            f -> {
              assertThat(f.clusters()).isEqualTo(2);
              assertThat(f.online()).isEqualTo(1);
              assertThat(f.offline()).isEqualTo(1);
            });
    assertThat(s.cluster(fresh).facts()).isEqualTo(FACTS);
  }

  @Test
  void aBundleIsReadyOnlyWhenTheAssignedDigestIsReportedAppliedAndHealthy() {
    ClusterRecord c = cluster("c", NOW, false);
    List<Assignment> a =
        List.of(
            assigned(c, "ready", "d1"),
            assigned(c, "old", "d2"),
            assigned(c, "failing", "d3"),
            assigned(c, "unreported", "d4"),
            new Assignment(c.id(), "big", "", "", Assignment.State.NOT_ADMITTED, "needs", NOW));
    List<BundleStatusRecord> r =
        List.of(
            report(c, "ready", "d1", SyncState.APPLIED, Health.READY),
            report(c, "old", "d-previous", SyncState.APPLIED, Health.READY),
            report(c, "failing", "d3", SyncState.FAILED, Health.UNKNOWN));
    FleetStatus s = new FleetStatus(List.of(c), a, r, NOW, Duration.ofMinutes(2));
    var v = s.cluster(c);
    assertThat(v.bundles().ready()).isEqualTo(1);
    assertThat(v.bundles().pending()).isEqualTo(2);
    assertThat(v.bundles().failed()).isEqualTo(1);
    assertThat(v.bundles().notAdmitted()).isEqualTo(1);
    assertThat(v.synced()).isFalse();
    assertThat(s.bundlesOf(c.id()))
        .extracting(AdminViews.ClusterBundle::state)
        .containsExactly("READY", "PENDING", "FAILED", "PENDING", "NOT_ADMITTED");
  }
}
