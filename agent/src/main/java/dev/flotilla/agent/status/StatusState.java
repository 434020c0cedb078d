package dev.flotilla.agent.status;

import dev.flotilla.model.Facts;
import dev.flotilla.protocol.BundleStatus;
import java.util.List;
import java.util.Map;

/**
 * The persisted form of the status queue.
 *
 * @param lastReportSeq the sequence number of the last report built
 * @param lastEventSeq the sequence number of the last event recorded
 * @param bundles latest state per bundle
 * @param removed bundles removed since the last acknowledged report
 * @param events events not yet acknowledged, with repeat counts and compaction ranges
 * @param facts the latest facts
 * @param changedSinceAck whether bundles, removals or facts changed since the last acknowledgement
 * @param synced whether the hub has answered this queue once (and so its numbering follows the
 *     hub's)
 */
public record StatusState(
    long lastReportSeq,
    long lastEventSeq,
    Map<String, BundleStatus> bundles,
    List<String> removed,
    List<PendingEvent> events,
    Facts facts,
    boolean changedSinceAck,
    boolean synced) {}
