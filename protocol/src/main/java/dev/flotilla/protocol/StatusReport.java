package dev.flotilla.protocol;

import dev.flotilla.model.Facts;
import java.util.List;

/**
 * One {@code POST /v1/agent/status}. Delivery is at-least-once; the hub makes it idempotent.
 *
 * @param seq the report's sequence number; the hub ignores bundle states from a report older than
 *     the newest it has seen
 * @param facts current facts (null when unchanged since the last acknowledged report)
 * @param bundles latest state of each bundle (compacted: one entry per bundle)
 * @param removed bundles the agent no longer runs
 * @param events events not yet acknowledged, each with its own sequence number
 */
public record StatusReport(
    long seq,
    Facts facts,
    List<BundleStatus> bundles,
    List<String> removed,
    List<StatusEvent> events) {
  public StatusReport {
    bundles = List.copyOf(bundles == null ? List.of() : bundles);
    removed = List.copyOf(removed == null ? List.of() : removed);
    events = List.copyOf(events == null ? List.of() : events);
  }
}
