package dev.flotilla.hub.admin;

import dev.flotilla.hub.admin.AdminViews.BundleView;
import dev.flotilla.hub.store.BundleRecord;
import dev.flotilla.hub.store.DesiredStore.ProgressCount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bundles' targeted, ready, pending, failed and not-admitted counts from the groups the database
 * counted, judged by {@link FleetStatus#progress(dev.flotilla.hub.store.Assignment.State, boolean,
 * dev.flotilla.protocol.BundleStatus.SyncState, dev.flotilla.protocol.BundleStatus.Health)} so the
 * counts follow the same rule as one cluster's view (pure).
 */
final class BundleTotals {
  /** Per bundle: targeted, ready, pending, failed, not admitted. */
  private final Map<String, long[]> bundles = new HashMap<>();

  BundleTotals(List<ProgressCount> groups) {
    for (ProgressCount g : groups) {
      long[] n = bundles.computeIfAbsent(g.bundle(), k -> new long[5]);
      n[0] += g.count();
      switch (FleetStatus.progress(g.state(), g.served(), g.sync(), g.health())) {
        case READY -> n[1] += g.count();
        case PENDING -> n[2] += g.count();
        case FAILED -> n[3] += g.count();
        case NOT_ADMITTED -> n[4] += g.count();
      }
    }
  }

  BundleView view(BundleRecord b) {
    long[] n = bundles.getOrDefault(b.name(), new long[5]);
    return new BundleView(
        b.name(),
        b.source(),
        b.path(),
        b.revision(),
        b.error(),
        (int) n[0],
        (int) n[1],
        (int) n[2],
        (int) n[3],
        (int) n[4]);
  }
}
