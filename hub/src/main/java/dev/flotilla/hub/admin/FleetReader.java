package dev.flotilla.hub.admin;

import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.model.ClusterId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the fleet for the admin API a bounded slice at a time: one cluster, one page of clusters by
 * name, or every cluster in id-ordered chunks whose counts are summed. No request holds more than
 * {@link PageRequest#MAX_LIMIT} clusters with their assignments and reports, so a hub with a
 * million clusters answers admin calls in bounded memory.
 */
final class FleetReader {
  /**
   * The most clusters one listing request examines: a selector that matches few clusters yields
   * short (even empty) pages with a continue token instead of one request that scans the fleet.
   */
  static final int SCAN_BUDGET = 20_000;

  /** Clusters per chunk when counting the whole fleet. */
  static final int TALLY_CHUNK = 1_000;

  private final HubStore store;
  private final Clock clock;
  private final Duration offlineAfter;
  private final Function<ClusterId, Instant> unwrittenContact;
  private final int scanBudget;

  FleetReader(
      HubStore store,
      Clock clock,
      Duration offlineAfter,
      Function<ClusterId, Instant> unwrittenContact) {
    this(store, clock, offlineAfter, unwrittenContact, SCAN_BUDGET);
  }

  /** With another scan budget, so tests can reach it without tens of thousands of clusters. */
  FleetReader(
      HubStore store,
      Clock clock,
      Duration offlineAfter,
      Function<ClusterId, Instant> unwrittenContact,
      int scanBudget) {
    this.store = store;
    this.clock = clock;
    this.offlineAfter = offlineAfter;
    this.unwrittenContact = unwrittenContact;
    this.scanBudget = scanBudget;
  }

  /** The cluster with its latest contact, including one not yet written to the store. */
  ClusterRecord fresh(ClusterRecord c) {
    return c.seenAt(unwrittenContact.apply(c.id()));
  }

  /** The status of one cluster, from its own assignments and reports only. */
  FleetStatus of(ClusterRecord c) {
    return new FleetStatus(
        List.of(c),
        store.desired().assignments(c.id()),
        store.statuses().ofCluster(c.id()),
        clock.instant(),
        offlineAfter);
  }

  /**
   * One page of clusters in name order: those {@code wanted} (checked before anything else is read)
   * that {@code view} makes an item of. Reads the clusters in chunks of at most {@link
   * PageRequest#MAX_LIMIT} and each chunk's assignments and reports, and stops at {@code
   * req.limit()} items, at the end of the fleet, or after examining {@link #SCAN_BUDGET} clusters.
   */
  <T> Page<T> page(
      PageRequest req,
      Predicate<ClusterRecord> wanted,
      BiFunction<FleetStatus, ClusterRecord, Optional<T>> view) {
    int chunk = Math.max(req.limit(), PageRequest.DEFAULT_LIMIT);
    List<T> items = new ArrayList<>();
    String after = req.after();
    int scanned = 0;
    while (true) {
      int needed = req.limit() - items.size();
      List<ClusterRecord> rows = store.clusters().pageByName(after, chunk);
      List<ClusterRecord> considered = new ArrayList<>();
      int read = 0;
      for (ClusterRecord row : rows) {
        read++;
        after = row.name();
        ClusterRecord c = fresh(row);
        if (wanted.test(c)) {
          considered.add(c);
          if (considered.size() == needed) {
            break;
          }
        }
      }
      scanned += read;
      if (!considered.isEmpty()) {
        FleetStatus status = statusOf(considered);
        for (ClusterRecord c : considered) {
          view.apply(status, c).ifPresent(items::add);
        }
      }
      if (rows.size() < chunk && read == rows.size()) {
        return new Page<>(items, Optional.empty());
      }
      if (items.size() >= req.limit() || scanned >= scanBudget) {
        return new Page<>(items, Optional.of(PageRequest.token(after)));
      }
    }
  }

  /**
   * The fleet summary's counts, read in chunks of {@link #TALLY_CHUNK} clusters by id: memory is
   * bounded, time grows with the fleet.
   */
  FleetTally tally() {
    FleetTally tally = new FleetTally();
    ClusterId after = null;
    while (true) {
      List<ClusterRecord> rows = store.clusters().page(after, TALLY_CHUNK);
      if (rows.isEmpty()) {
        return tally;
      }
      tally.add(statusOf(rows.stream().map(this::fresh).toList()));
      after = rows.get(rows.size() - 1).id();
      if (rows.size() < TALLY_CHUNK) {
        return tally;
      }
    }
  }

  /** The counts of {@code bundle} (every bundle if null), counted by the database. */
  BundleTotals bundleTotals(String bundle) {
    return new BundleTotals(store.desired().progressCounts(bundle));
  }

  private FleetStatus statusOf(List<ClusterRecord> clusters) {
    List<ClusterId> ids = clusters.stream().map(ClusterRecord::id).toList();
    return new FleetStatus(
        clusters,
        store.desired().assignmentsOfClusters(ids),
        store.statuses().ofClusters(ids),
        clock.instant(),
        offlineAfter);
  }
}
