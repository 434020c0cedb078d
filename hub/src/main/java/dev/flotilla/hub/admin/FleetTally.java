package dev.flotilla.hub.admin;

import dev.flotilla.hub.admin.AdminViews.FleetSummary;
import dev.flotilla.hub.store.BundleRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet summary's counts summed page by page, so the admin API counts a million clusters while
 * holding one page of them (pure: pages in, summary out). Per-cluster verdicts (online, synced)
 * need each cluster's assignments and reports side by side, which is why this is not a SQL count.
 */
final class FleetTally {
  private int clusters, online, synced, pending, failed;

  /** Adds one page of clusters with their assignments and reports. */
  void add(FleetStatus page) {
    FleetSummary s = page.summary(List.of());
    clusters += s.clusters();
    online += s.online();
    synced += s.synced();
    pending += s.pending();
    failed += s.failed();
  }

  FleetSummary summary(List<BundleRecord> all) {
    Map<String, String> revisions = new TreeMap<>();
    all.forEach(b -> revisions.put(b.name(), b.revision()));
    return new FleetSummary(
        clusters, online, clusters - online, synced, pending, failed, revisions);
  }
}
