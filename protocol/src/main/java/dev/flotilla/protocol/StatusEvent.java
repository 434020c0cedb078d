package dev.flotilla.protocol;

import java.time.Instant;

/**
 * Something that happened on the agent, numbered so the hub stores it exactly once.
 *
 * @param seq strictly increasing per agent, never reused across restarts
 * @param time when it happened (agent clock)
 * @param bundle the bundle concerned, or empty
 * @param type a short machine-readable kind, e.g. {@code Applied}, {@code ApplyFailed}, {@code
 *     DriftCorrected}, {@code DocumentRejected}
 * @param message human-readable detail
 */
public record StatusEvent(long seq, Instant time, String bundle, String type, String message) {}
