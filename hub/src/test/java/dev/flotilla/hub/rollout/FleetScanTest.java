package dev.flotilla.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.Assignment.State;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetScanTest {
  static final Duration OFFLINE_AFTER = Duration.ofMinutes(5);

  final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  HubStore store;
  final List<ClusterId> edge = new ArrayList<>();

  @BeforeEach
  void fleet(@TempDir Path dir) {
    store = JdbcHubStore.open("jdbc:sqlite:" + dir.resolve("flotilla.db"), clock);
    Instant now = clock.instant();
    for (int i = 0; i < 11; i++) {
      ClusterId id = ClusterId.random();
      boolean isEdge = i % 3 != 0;
      store
          .clusters()
          .insert(
              new ClusterRecord(
                  id,
                  "site-" + i,
                  Labels.of("tier", isEdge ? "edge" : "lab", "model", "m" + (i % 2)),
                  Facts.UNKNOWN,
                  now,
                  i == 5 ? now.minus(OFFLINE_AFTER.multipliedBy(2)) : now, // site-5 is offline
                  i == 7,
                  "1",
                  now.plusSeconds(3600),
                  "",
                  0,
                  0));
      if (isEdge && i != 7) {
        edge.add(id);
      }
      if (i % 2 == 0) {
        String digest = Digest.of("web" + i).hex();
        store
            .desired()
            .save(
                id,
                List.of(
                    new Assignment(id, "web", "rev2", digest, State.ASSIGNED, "", now),
                    new Assignment(
                        id, "api", "rev1", Digest.of("api").hex(), State.ASSIGNED, "", now)),
                Optional.empty());
        store
            .statuses()
            .record(
                id,
                new StatusReport(
                    1,
                    null,
                    List.of(
                        new BundleStatus(
                            "web",
                            "rev2",
                            digest,
                            BundleStatus.SyncState.APPLIED,
                            i == 2 ? BundleStatus.Health.FAILED : BundleStatus.Health.READY,
                            i == 2 ? "crash loop" : "",
                            null,
                            now)),
                    List.of(),
                    List.of()),
                now);
      }
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  static BundleSpec bundle(String name, String selector) {
    return new BundleSpec(
        name,
        "apps/" + name,
        "",
        null,
        List.of(),
        List.of(new BundleSpec.Target("t", LabelSelector.parse(selector))),
        null,
        null,
        List.of(),
        null);
  }

  List<FleetScan.Target> targets() {
    return List.of(
        new FleetScan.Target(bundle("web", "tier=edge"), Set.of("rev2"), true, id -> null),
        new FleetScan.Target(bundle("api", "model=m0"), Set.of("rev9"), true, id -> null));
  }

  Map<String, List<ClusterState>> scan(int pageSize) {
    return FleetScan.states(
        store, targets(), clock.instant(), OFFLINE_AFTER, new HashMap<>(), pageSize);
  }

  @Test
  void pagesOfAnySizeGiveTheStatesOfOnePass() {
    Map<String, List<ClusterState>> whole = scan(1_000);
    for (int pageSize : new int[] {1, 2, 3, 10, 11}) {
      assertThat(scan(pageSize)).as("pages of %d", pageSize).isEqualTo(whole);
    }
  }

  @Test
  void eachBundleGetsItsTargetedUnrevokedClustersWithTheirAssignmentsAndReports() {
    Map<String, List<ClusterState>> states = scan(2);
    assertThat(states.get("web"))
        .extracting(ClusterState::id)
        .containsExactlyInAnyOrderElementsOf(edge);
    Map<String, ClusterState> web = new HashMap<>();
    states.get("web").forEach(s -> web.put(s.name(), s));
    assertThat(web.get("site-2").position()).isEqualTo(Position.FAILED);
    assertThat(web.get("site-2").message()).isEqualTo("crash loop");
    assertThat(web.get("site-8").position()).isEqualTo(Position.HEALTHY);
    assertThat(web.get("site-1").position()).isEqualTo(Position.WAITING);
    assertThat(web.get("site-5").online()).isFalse();
    assertThat(web.get("site-5").position()).isEqualTo(Position.WAITING);
    assertThat(web.get("site-4").online()).isTrue();
    // api: model=m0 (even sites, unrevoked), all on content rev9 did not move: unchanged
    assertThat(states.get("api"))
        .extracting(ClusterState::name)
        .containsExactlyInAnyOrder("site-0", "site-2", "site-4", "site-6", "site-8", "site-10");
    assertThat(states.get("api"))
        .extracting(ClusterState::position)
        .containsOnly(Position.UNCHANGED);
  }

  @Test
  void clustersWithTheSameLabelsShareOneLabelsObject() {
    List<ClusterState> web = scan(1).get("web");
    Map<Labels, Labels> first = new HashMap<>();
    for (ClusterState s : web) {
      Labels seen = first.putIfAbsent(s.labels(), s.labels());
      if (seen != null) {
        assertThat(s.labels()).isSameAs(seen);
      }
    }
    assertThat(first.size()).isLessThan(web.size());
  }
}
