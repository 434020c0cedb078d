package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Agent status: latest state per bundle and the event log. */
public interface StatusStore {
  /**
   * Stores a report idempotently: bundle states only if the report is newer than the last one
   * stored, each event at most once (by sequence number).
   */
  StatusAck record(ClusterId cluster, StatusReport report, Instant receivedAt);

  /**
   * Stores many reports in one transaction, as {@link #record} would one by one, and returns their
   * acknowledgements in order. All are stored or none (then it throws); a report for a cluster that
   * is not registered fails the whole batch, so callers retry the others one by one.
   */
  default List<StatusAck> recordAll(List<ReceivedReport> reports) {
    return reports.stream().map(r -> record(r.cluster(), r.report(), r.receivedAt())).toList();
  }

  /** A status report as the hub received it, waiting to be stored. */
  record ReceivedReport(ClusterId cluster, StatusReport report, Instant receivedAt) {}

  List<BundleStatusRecord> ofCluster(ClusterId cluster);

  List<BundleStatusRecord> ofBundle(String bundle);

  /**
   * The latest bundle states of the given clusters (one page of the admin API's listings), in
   * cluster and bundle order.
   */
  default List<BundleStatusRecord> ofClusters(Collection<ClusterId> clusters) {
    List<BundleStatusRecord> out = new ArrayList<>();
    clusters.stream().sorted().distinct().forEach(id -> out.addAll(ofCluster(id)));
    return out;
  }

  /**
   * The bundle states reported by the clusters whose id is between {@code from} and {@code to}
   * (inclusive), every bundle: read a page of a large fleet at a time.
   */
  List<BundleStatusRecord> ofClustersBetween(ClusterId from, ClusterId to);

  List<BundleStatusRecord> all();

  List<EventRecord> events(ClusterId cluster, int limit);

  long eventCount(ClusterId cluster);
}
