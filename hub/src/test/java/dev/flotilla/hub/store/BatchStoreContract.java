package dev.flotilla.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.store.Assignment.State;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.BundleStatus.Health;
import dev.flotilla.protocol.BundleStatus.SyncState;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusEvent;
import dev.flotilla.protocol.StatusReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HubStore} must do for a large fleet (batched last contact, batched status
 * reports, paging, saving many plans in one transaction); run against SQLite and PostgreSQL.
 */
public abstract class BatchStoreContract extends FreshStore {

  @Test
  void touchesManyClustersInOneCallWithoutMovingLastSeenBack() {
    ClusterRecord a = cluster("edge-a");
    ClusterRecord b = cluster("edge-b");
    store.clusters().insert(a);
    store.clusters().insert(b);
    store.clusters().touch(b.id(), b.lastSeen().plusSeconds(60));
    java.util.Map<ClusterId, Instant> seen = new java.util.HashMap<>();
    seen.put(a.id(), a.lastSeen().plusSeconds(30));
    seen.put(b.id(), b.lastSeen().plusSeconds(30));
    seen.put(ClusterId.random(), a.lastSeen().plusSeconds(30)); // not registered: ignored
    store.clusters().touchAll(seen);
    assertThat(store.clusters().get(a.id()).orElseThrow().lastSeen())
        .isEqualTo(a.lastSeen().plusSeconds(30));
    assertThat(store.clusters().get(b.id()).orElseThrow().lastSeen())
        .isEqualTo(b.lastSeen().plusSeconds(60));
  }

  @Test
  void recordsManyReportsInOneTransactionLikeOneByOne() {
    ClusterRecord a = cluster("edge-a");
    ClusterRecord b = cluster("edge-b");
    store.clusters().insert(a);
    store.clusters().insert(b);
    Instant t = clock.instant();
    StatusReport first =
        new StatusReport(
            1, null, List.of(), List.of(), List.of(new StatusEvent(1, t, "", "A", "")));
    StatusReport second =
        new StatusReport(
            2, null, List.of(), List.of(), List.of(new StatusEvent(2, t, "", "B", "")));
    List<StatusAck> acks =
        store
            .statuses()
            .recordAll(
                List.of(
                    new StatusStore.ReceivedReport(a.id(), first, t),
                    new StatusStore.ReceivedReport(a.id(), second, t),
                    new StatusStore.ReceivedReport(b.id(), first, t)));
    assertThat(acks).containsExactly(new StatusAck(1, 1), new StatusAck(2, 2), new StatusAck(1, 1));
    assertThat(store.statuses().eventCount(a.id())).isEqualTo(2);
    assertThat(store.statuses().eventCount(b.id())).isEqualTo(1);

    StatusReport third =
        new StatusReport(
            3, null, List.of(), List.of(), List.of(new StatusEvent(3, t, "", "C", "")));
    assertThatThrownBy(
            () ->
                store
                    .statuses()
                    .recordAll(
                        List.of(
                            new StatusStore.ReceivedReport(a.id(), third, t),
                            new StatusStore.ReceivedReport(ClusterId.random(), third, t))))
        .isInstanceOf(RuntimeException.class);
    assertThat(store.statuses().eventCount(a.id())).as("all or nothing").isEqualTo(2);
  }

  @Test
  void pagesThroughClustersInIdOrder() {
    List<ClusterId> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ClusterRecord c = cluster("edge-" + i);
      store.clusters().insert(c);
      ids.add(c.id());
    }
    List<ClusterId> seen = new java.util.ArrayList<>();
    ClusterId after = null;
    for (List<ClusterRecord> page = store.clusters().page(null, 3);
        !page.isEmpty();
        page = store.clusters().page(after, 3)) {
      assertThat(page.size()).isLessThanOrEqualTo(3);
      page.forEach(c -> seen.add(c.id()));
      after = page.get(page.size() - 1).id();
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
  }

  @Test
  void savesManyClustersInOneTransactionAndReadsBackWhatPlanningNeeds() {
    ClusterRecord a = cluster("edge-a");
    ClusterRecord b = cluster("edge-b");
    store.clusters().insert(a);
    store.clusters().insert(b);
    Instant t = clock.instant();
    Assignment wa =
        new Assignment(a.id(), "web", "rev1", Digest.of("x").hex(), State.ASSIGNED, "", t);
    Assignment wb = new Assignment(b.id(), "web", "", "", State.NOT_ADMITTED, "too small", t);
    DesiredRecord docA = new DesiredRecord(a.id(), 1, "0123456789abcdef0123", new byte[] {1}, t);
    store
        .desired()
        .saveAll(
            List.of(
                new DesiredStore.Save(a.id(), List.of(wa), Optional.of(docA), "hash-a"),
                new DesiredStore.Save(b.id(), List.of(wb), Optional.empty(), "")));
    ClusterId from = a.id().compareTo(b.id()) < 0 ? a.id() : b.id();
    ClusterId to = from.equals(a.id()) ? b.id() : a.id();
    java.util.Map<ClusterId, DesiredStore.Planned> planned =
        store.desired().plannedBetween(from, to);
    assertThat(planned.get(a.id())).isEqualTo(new DesiredStore.Planned(List.of(wa), 1, "hash-a"));
    assertThat(planned.get(b.id())).isEqualTo(new DesiredStore.Planned(List.of(wb), 0, ""));

    // a stale document anywhere in the batch saves nothing
    Assignment wa2 =
        new Assignment(a.id(), "web", "rev2", Digest.of("y").hex(), State.ASSIGNED, "", t);
    DesiredRecord stale = new DesiredRecord(a.id(), 1, "0123456789abcdef0124", new byte[] {2}, t);
    assertThatThrownBy(
            () ->
                store
                    .desired()
                    .saveAll(
                        List.of(
                            new DesiredStore.Save(b.id(), List.of(), Optional.empty(), ""),
                            new DesiredStore.Save(a.id(), List.of(wa2), Optional.of(stale), "h"))))
        .isInstanceOf(DesiredStore.StaleGeneration.class);
    assertThat(store.desired().assignments(b.id())).containsExactly(wb);
    assertThat(store.desired().get(a.id()).orElseThrow().etag()).isEqualTo("0123456789abcdef0123");
  }

  @Test
  void pagesThroughClustersInNameOrder() {
    for (String name : List.of("edge-3", "edge-1", "edge-5", "edge-2", "edge-4")) {
      store.clusters().insert(cluster(name));
    }
    List<String> seen = new java.util.ArrayList<>();
    String after = null;
    for (List<ClusterRecord> page = store.clusters().pageByName(null, 2);
        !page.isEmpty();
        page = store.clusters().pageByName(after, 2)) {
      assertThat(page.size()).isLessThanOrEqualTo(2);
      page.forEach(c -> seen.add(c.name()));
      after = page.get(page.size() - 1).name();
    }
    assertThat(seen).containsExactly("edge-1", "edge-2", "edge-3", "edge-4", "edge-5");
    assertThat(store.clusters().pageByName("edge-4", 10))
        .extracting(ClusterRecord::name)
        .containsExactly("edge-5");
  }

  @Test
  void readsTheAssignmentsAndStatusOfManyClustersAcrossQueryChunks() {
    List<ClusterRecord> clusters = new java.util.ArrayList<>();
    for (int i = 0; i < 1_203; i++) {
      clusters.add(cluster("edge-" + i));
    }
    store.clusters().insertAll(clusters);
    Instant t = clock.instant();
    List<DesiredStore.Save> saves = new java.util.ArrayList<>();
    List<StatusStore.ReceivedReport> reports = new java.util.ArrayList<>();
    for (ClusterRecord c : clusters) {
      saves.add(
          new DesiredStore.Save(
              c.id(),
              List.of(
                  new Assignment(c.id(), "db", "r1", Digest.of("db").hex(), State.ASSIGNED, "", t),
                  new Assignment(c.id(), "web", "r1", Digest.of("w").hex(), State.ASSIGNED, "", t)),
              Optional.empty(),
              ""));
      reports.add(
          new StatusStore.ReceivedReport(
              c.id(),
              new StatusReport(
                  1,
                  null,
                  List.of(
                      new dev.flotilla.protocol.BundleStatus(
                          "web",
                          "r1",
                          Digest.of("w").hex(),
                          dev.flotilla.protocol.BundleStatus.SyncState.APPLIED,
                          dev.flotilla.protocol.BundleStatus.Health.READY,
                          "",
                          null,
                          t)),
                  List.of(),
                  List.of()),
              t));
    }
    store.desired().saveAll(saves);
    store.statuses().recordAll(reports);

    // every cluster but the first: more ids than one IN (...) chunk holds, plus a stranger
    List<ClusterId> asked =
        new java.util.ArrayList<>(
            clusters.subList(1, clusters.size()).stream().map(ClusterRecord::id).toList());
    asked.add(ClusterId.random());
    java.util.Collections.reverse(asked);
    List<Assignment> assignments = store.desired().assignmentsOfClusters(asked);
    List<BundleStatusRecord> statuses = store.statuses().ofClusters(asked);

    assertThat(assignments).hasSize(2 * 1_202);
    assertThat(assignments).noneMatch(a -> a.cluster().equals(clusters.get(0).id()));
    assertThat(assignments)
        .extracting(a -> a.cluster().value() + "/" + a.bundle())
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(statuses).hasSize(1_202).allMatch(s -> s.bundle().equals("web"));
    assertThat(statuses).extracting(s -> s.cluster().value()).isSorted().doesNotHaveDuplicates();
    assertThat(store.desired().assignmentsOfClusters(List.of())).isEmpty();
    assertThat(store.statuses().ofClusters(List.of())).isEmpty();
  }

  @Test
  void countsAssignmentsByStateAndTheReportOfTheServedDigest() {
    ClusterRecord a = cluster("edge-a");
    ClusterRecord b = cluster("edge-b");
    ClusterRecord c = cluster("edge-c");
    for (ClusterRecord x : List.of(a, b, c)) {
      store.clusters().insert(x);
    }
    Instant t = clock.instant();
    String web = Digest.of("web").hex();
    for (ClusterRecord x : List.of(a, b, c)) {
      store
          .desired()
          .save(
              x.id(),
              List.of(
                  new Assignment(x.id(), "web", "r1", web, State.ASSIGNED, "", t),
                  new Assignment(x.id(), "gpu", "", "", State.NOT_ADMITTED, "no gpu", t)),
              Optional.empty());
    }
    // a reports the served digest ready, b an older digest, c nothing
    store.statuses().record(a.id(), report("web", web), t);
    store.statuses().record(b.id(), report("web", Digest.of("old").hex()), t);

    assertThat(store.desired().progressCounts(null))
        .containsExactlyInAnyOrder(
            new DesiredStore.ProgressCount(
                "web", State.ASSIGNED, true, SyncState.APPLIED, Health.READY, 1),
            new DesiredStore.ProgressCount("web", State.ASSIGNED, true, null, null, 2),
            new DesiredStore.ProgressCount("gpu", State.NOT_ADMITTED, false, null, null, 3));
    assertThat(store.desired().progressCounts("gpu"))
        .containsExactly(
            new DesiredStore.ProgressCount("gpu", State.NOT_ADMITTED, false, null, null, 3));
    assertThat(store.desired().progressCounts("nothing")).isEmpty();
  }

  private StatusReport report(String bundle, String digest) {
    return new StatusReport(
        1,
        null,
        List.of(
            new dev.flotilla.protocol.BundleStatus(
                bundle, "r", digest, SyncState.APPLIED, Health.READY, "", null, clock.instant())),
        List.of(),
        List.of());
  }

  @Test
  void readsAssignmentsAndStatesOfAnIdRangeOnly() {
    List<ClusterRecord> sorted = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ClusterRecord c = cluster("edge-" + i);
      store.clusters().insert(c);
      sorted.add(c);
    }
    sorted.sort(java.util.Comparator.comparing(ClusterRecord::id));
    Instant t = clock.instant();
    for (ClusterRecord c : sorted) {
      store
          .desired()
          .save(
              c.id(),
              List.of(
                  new Assignment(
                      c.id(), "api", "rev1", Digest.of("a").hex(), State.ASSIGNED, "", t),
                  new Assignment(
                      c.id(), "web", "rev1", Digest.of("w").hex(), State.ASSIGNED, "", t)),
              Optional.empty());
      store
          .statuses()
          .record(
              c.id(),
              new StatusReport(
                  1,
                  null,
                  List.of(
                      new dev.flotilla.protocol.BundleStatus(
                          "web",
                          "rev1",
                          Digest.of("w").hex(),
                          dev.flotilla.protocol.BundleStatus.SyncState.APPLIED,
                          dev.flotilla.protocol.BundleStatus.Health.READY,
                          "",
                          null,
                          t)),
                  List.of(),
                  List.of()),
              t);
    }
    ClusterId from = sorted.get(1).id();
    ClusterId to = sorted.get(2).id();
    List<Assignment> assignments = store.desired().assignmentsBetween(from, to);
    assertThat(assignments).extracting(Assignment::cluster).containsExactly(from, from, to, to);
    assertThat(assignments).extracting(Assignment::bundle).containsOnly("api", "web");
    List<BundleStatusRecord> states = store.statuses().ofClustersBetween(from, to);
    assertThat(states).extracting(BundleStatusRecord::cluster).containsExactly(from, to);
    assertThat(states).extracting(BundleStatusRecord::bundle).containsOnly("web");
    assertThat(store.statuses().ofClustersBetween(to, from)).as("an empty range").isEmpty();
  }
}
