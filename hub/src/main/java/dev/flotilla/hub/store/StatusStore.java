package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusReport;
import java.time.Instant;
import java.util.List;

/** Agent status: latest state per bundle and the event log. */
public interface StatusStore {
  /**
   * Stores a report idempotently: bundle states only if the report is newer than the last one
   * stored, each event at most once (by sequence number).
   */
  StatusAck record(ClusterId cluster, StatusReport report, Instant receivedAt);

  List<BundleStatusRecord> ofCluster(ClusterId cluster);

  List<BundleStatusRecord> ofBundle(String bundle);

  List<BundleStatusRecord> all();

  List<EventRecord> events(ClusterId cluster, int limit);

  long eventCount(ClusterId cluster);
}
