package dev.flotilla.hub.checkin;

import dev.flotilla.hub.store.ClusterStore;
import dev.flotilla.model.ClusterId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last contact per cluster, kept in memory and written in batches: a check-in costs a map update,
 * not a database write. Holds one entry per cluster seen since the last flush (bounded by the
 * check-ins of one flush interval, not by the fleet); {@link #flush} writes them all through {@link
 * ClusterStore#touchAll} and is run every {@code HubConfig.lastSeenFlush} and when the hub stops. A
 * hub that dies loses at most one interval of last-seen times, which only makes clusters look
 * offline a few seconds early until their next check-in.
 */
public final class LastSeenBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(LastSeenBuffer.class);

  private final ClusterStore clusters;
  private final ConcurrentHashMap<ClusterId, Instant> pending = new ConcurrentHashMap<>();

  public LastSeenBuffer(ClusterStore clusters) {
    this.clusters = clusters;
  }

  /** The cluster was in contact at {@code at}; written at the next flush. */
  public void seen(ClusterId cluster, Instant at) {
    pending.merge(cluster, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** The newest contact not yet written, if any (admin views merge it with the stored time). */
  public Instant pending(ClusterId cluster) {
    return pending.get(cluster);
  }

  /** Writes every pending contact; returns how many. Entries that fail are kept for next time. */
  public synchronized int flush() {
    if (pending.isEmpty()) {
      return 0;
    }
    Map<ClusterId, Instant> batch = new HashMap<>();
    for (ClusterId id : pending.keySet()) {
      Instant at = pending.remove(id);
      if (at != null) {
        batch.put(id, at);
      }
    }
    try {
      clusters.touchAll(batch);
      return batch.size();
    } catch (RuntimeException e) {
      batch.forEach(this::seen);
      LOG.warn("writing the last contact of {} clusters failed; will retry", batch.size(), e);
      return 0;
    }
  }

  /** Contacts waiting to be written, for metrics. */
  public int size() {
    return pending.size();
  }
}
