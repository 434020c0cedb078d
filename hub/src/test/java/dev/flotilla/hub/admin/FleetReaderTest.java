package dev.flotilla.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.Assignment.State;
import dev.flotilla.hub.store.BundleRecord;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.DesiredStore;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.StatusStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.BundleStatus.Health;
import dev.flotilla.protocol.BundleStatus.SyncState;
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
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API's bounded reads against a SQLite fleet larger than one chunk, checked against the
 * whole-fleet {@link FleetStatus} the API used to build per request (the oracle).
 */
class FleetReaderTest {
  static final Duration OFFLINE_AFTER = Duration.ofMinutes(2);
  static final int CLUSTERS = 1_234;

  @TempDir Path dir;
  final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  HubStore store;
  final Map<ClusterId, Instant> unwritten = new HashMap<>();
  final Function<ClusterId, Instant> unwrittenContact = unwritten::get;

  @BeforeEach
  void open() {
    store = JdbcHubStore.open("jdbc:sqlite:" + dir.resolve("flotilla.db"), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /**
   * {@code edge-0} … {@code edge-1233} labelled {@code shard=i%4}; bundles {@code a} (every 3rd),
   * {@code b} (every 2nd), {@code c} not admitted (every 5th); reports that make some ready, some
   * failed; every 11th revoked; half seen long ago, some of those with an unwritten recent contact.
   */
  void fleet() {
    Instant start = clock.instant();
    List<ClusterRecord> clusters = new ArrayList<>();
    for (int i = 0; i < CLUSTERS; i++) {
      clusters.add(
          new ClusterRecord(
              ClusterId.random(),
              "edge-" + i,
              Labels.of("shard", String.valueOf(i % 4)),
              Facts.UNKNOWN,
              start,
              start,
              false,
              "1",
              start.plusSeconds(86_400),
              "",
              0,
              0));
    }
    store.clusters().insertAll(clusters);
    List<DesiredStore.Save> saves = new ArrayList<>();
    List<StatusStore.ReceivedReport> reports = new ArrayList<>();
    clock.advance(Duration.ofHours(1));
    Instant now = clock.instant();
    for (int i = 0; i < CLUSTERS; i++) {
      ClusterId id = clusters.get(i).id();
      List<Assignment> mine = new ArrayList<>();
      List<BundleStatus> seen = new ArrayList<>();
      if (i % 3 == 0) {
        mine.add(new Assignment(id, "a", "r1", "da", State.ASSIGNED, "", now));
        if (i % 2 == 0) {
          seen.add(
              new BundleStatus("a", "r1", "da", SyncState.APPLIED, Health.READY, "", null, now));
        }
      }
      if (i % 2 == 0) {
        mine.add(new Assignment(id, "b", "r1", "db", State.ASSIGNED, "", now));
        if (i % 7 == 0) {
          seen.add(
              new BundleStatus("b", "r1", "db", SyncState.FAILED, Health.UNKNOWN, "x", null, now));
        }
      }
      if (i % 5 == 0) {
        mine.add(new Assignment(id, "c", "", "", State.NOT_ADMITTED, "needs gpu", now));
      }
      // bundle d: every state, served or not, reported at the served digest, another, or not
      State state = State.values()[i % State.values().length];
      boolean served = i % 13 != 0;
      mine.add(new Assignment(id, "d", "r2", served ? "dd" : "", state, "", now));
      int kind = i % 4;
      if (kind == 1) {
        seen.add(new BundleStatus("d", "r2", "dd", SyncState.APPLIED, Health.READY, "", null, now));
      } else if (kind == 2) {
        seen.add(
            new BundleStatus("d", "r1", "dold", SyncState.APPLIED, Health.READY, "", null, now));
      } else if (kind == 3) {
        seen.add(
            new BundleStatus("d", "r2", "dd", SyncState.APPLIED, Health.FAILED, "x", null, now));
      }
      saves.add(new DesiredStore.Save(id, mine, Optional.empty(), ""));
      if (i % 2 == 1) {
        reports.add(
            new StatusStore.ReceivedReport(
                id, new StatusReport(1, null, seen, List.of(), List.of()), now));
      } else if (i % 6 == 0) {
        unwritten.put(id, now);
      }
      if (!seen.isEmpty() && i % 2 == 0) {
        reports.add(
            new StatusStore.ReceivedReport(
                id, new StatusReport(1, null, seen, List.of(), List.of()), start));
      }
    }
    store.desired().saveAll(saves);
    store.statuses().recordAll(reports);
    for (int i = 0; i < CLUSTERS; i += 11) {
      store.clusters().revoke(clusters.get(i).id());
    }
    for (String b : List.of("a", "b", "c", "d")) {
      store.bundles().upsert(new BundleRecord(b, "fleet", b, "name: " + b + "\n", "r1", "", now));
    }
  }

  /** What the admin API computed before: the whole fleet in one {@link FleetStatus}. */
  FleetStatus oracle() {
    return new FleetStatus(
        store.clusters().list().stream()
            .map(c -> c.seenAt(unwrittenContact.apply(c.id())))
            .toList(),
        store.desired().allAssignments(),
        store.statuses().all(),
        clock.instant(),
        OFFLINE_AFTER);
  }

  FleetReader reader() {
    return new FleetReader(store, clock, OFFLINE_AFTER, unwrittenContact);
  }

  /** Follows continue tokens to the end, checking each page's size. */
  <T> List<T> everyPage(int limit, Function<PageRequest, Page<T>> read, List<Integer> sizes) {
    List<T> all = new ArrayList<>();
    PageRequest req = new PageRequest(null, limit);
    while (true) {
      Page<T> page = read.apply(req);
      sizes.add(page.items().size());
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      all.addAll(page.items());
      if (page.next().isEmpty()) {
        return all;
      }
      req = PageRequest.parse(Optional.of(String.valueOf(limit)), page.next());
    }
  }

  @Test
  void pagesWithASelectorHoldEveryMatchingClusterOnceInNameOrderWithTheSameViews() {
    fleet();
    LabelSelector selector = LabelSelector.parse("shard in (1,2)");
    List<ClusterView> expected =
        oracle().clusters().stream().filter(v -> selector.matches(new Labels(v.labels()))).toList();
    List<Integer> sizes = new ArrayList<>();
    List<ClusterView> got =
        everyPage(
            7,
            req ->
                reader()
                    .page(
                        req,
                        c -> selector.matches(c.labels()),
                        (status, c) -> Optional.of(status.cluster(c))),
            sizes);
    assertThat(expected).hasSize(617);
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(sizes.subList(0, sizes.size() - 1)).containsOnly(7);
  }

  @Test
  void aBundlesClustersArePagedWithTheSameRowsAsTheWholeFleetGives() {
    fleet();
    List<ClusterBundle> expected = oracle().clustersOf("a");
    List<ClusterBundle> got =
        everyPage(
            50,
            req ->
                reader()
                    .page(
                        req,
                        c -> true,
                        (status, c) ->
                            status.bundlesOf(c.id()).stream()
                                .filter(r -> r.bundle().equals("a"))
                                .findFirst()),
            new ArrayList<>());
    assertThat(expected).hasSize(412);
    assertThat(got).containsExactlyElementsOf(expected);
  }

  @Test
  void countsOverChunksEqualTheWholeFleetsCounts() {
    fleet();
    FleetStatus oracle = oracle();
    FleetTally tally = reader().tally();
    List<BundleRecord> bundles = store.bundles().list();
    assertThat(tally.summary(bundles)).isEqualTo(oracle.summary(bundles));
    BundleTotals all = reader().bundleTotals(null);
    for (BundleRecord b : bundles) {
      assertThat(all.view(b)).as(b.name()).isEqualTo(oracle.bundle(b));
      assertThat(reader().bundleTotals(b.name()).view(b)).as(b.name()).isEqualTo(oracle.bundle(b));
    }
    assertThat(oracle.bundle(bundles.get(3)))
        .as("every progress of bundle d occurs")
        .satisfies(
            v -> assertThat(List.of(v.ready(), v.pending(), v.failed())).allMatch(n -> n > 0));
    // the data are not degenerate: every kind of count is there
    var s = tally.summary(bundles);
    assertThat(List.of(s.online(), s.offline(), s.synced(), s.pending(), s.failed()))
        .allMatch(n -> n > 0);
  }

  @Test
  void aSelectorThatMatchesFewClustersGivesShortPagesWithinTheScanBudget() {
    fleet();
    FleetReader reader = new FleetReader(store, clock, OFFLINE_AFTER, unwrittenContact, 600);
    LabelSelector none = LabelSelector.parse("shard=9");
    Page<ClusterView> first =
        reader.page(
            new PageRequest(null, 10),
            c -> none.matches(c.labels()),
            (status, c) -> Optional.of(status.cluster(c)));
    assertThat(first.items()).isEmpty();
    assertThat(first.next()).isPresent();
    List<Integer> sizes = new ArrayList<>();
    List<ClusterView> all =
        everyPage(
            10,
            req ->
                reader.page(
                    req,
                    c -> none.matches(c.labels()),
                    (status, c) -> Optional.of(status.cluster(c))),
            sizes);
    assertThat(all).isEmpty();
    // 1,234 clusters examined 600 (one chunk of 500 and another) at a time
    assertThat(sizes).hasSize(2);
  }

  @Test
  void aPageNeverHoldsMoreThanTheCap() {
    Instant now = clock.instant();
    List<ClusterRecord> many = new ArrayList<>();
    for (int i = 0; i < PageRequest.MAX_LIMIT + 3; i++) {
      many.add(
          new ClusterRecord(
              ClusterId.random(),
              String.format("edge-%05d", i),
              Labels.EMPTY,
              Facts.UNKNOWN,
              now,
              now,
              false,
              "1",
              now,
              "",
              0,
              0));
    }
    store.clusters().insertAll(many);
    PageRequest asked = PageRequest.parse(Optional.of("100000"), Optional.empty());
    Page<ClusterView> first =
        reader().page(asked, c -> true, (status, c) -> Optional.of(status.cluster(c)));
    assertThat(first.items()).hasSize(PageRequest.MAX_LIMIT);
    assertThat(first.next()).isPresent();
    Page<ClusterView> rest =
        reader()
            .page(
                PageRequest.parse(Optional.of("100000"), first.next()),
                c -> true,
                (status, c) -> Optional.of(status.cluster(c)));
    assertThat(rest.items())
        .extracting(ClusterView::name)
        .containsExactly("edge-05000", "edge-05001", "edge-05002");
    assertThat(rest.next()).isEmpty();
  }
}
