package dev.flotilla.hub.admin;

import dev.flotilla.hub.admin.AdminViews.BundleView;
import dev.flotilla.hub.admin.AdminViews.FleetSummary;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.BundleRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's counts (per bundle and overall) summed page by page, so the admin API counts a
 * million clusters while holding one page of them (pure: pages in, views out).
 */
final class FleetTally {
  /** Per bundle: targeted, ready, pending, failed, not admitted. */
  private final Map<String, int[]> bundles = new HashMap<>();

  private int clusters, online, synced, pending, failed;

  /** Adds one page: its status and the assignments it was built from. */
  void add(FleetStatus page, List<Assignment> assignments) {
    for (Assignment a : assignments) {
      int[] n = bundles.computeIfAbsent(a.bundle(), k -> new int[5]);
      n[0]++;
      switch (page.progress(a)) {
        case READY -> n[1]++;
        case PENDING -> n[2]++;
        case FAILED -> n[3]++;
        case NOT_ADMITTED -> n[4]++;
      }
    }
    FleetSummary s = page.summary(List.of());
    clusters += s.clusters();
    online += s.online();
    synced += s.synced();
    pending += s.pending();
    failed += s.failed();
  }

  BundleView bundle(BundleRecord b) {
    int[] n = bundles.getOrDefault(b.name(), new int[5]);
    return new BundleView(
        b.name(), b.source(), b.path(), b.revision(), b.error(), n[0], n[1], n[2], n[3], n[4]);
  }

  FleetSummary summary(List<BundleRecord> all) {
    Map<String, String> revisions = new TreeMap<>();
    all.forEach(b -> revisions.put(b.name(), b.revision()));
    return new FleetSummary(
        clusters, online, clusters - online, synced, pending, failed, revisions);
  }
}
