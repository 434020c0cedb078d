package dev.flotilla.hub.store;

import java.time.Instant;

/**
 * One entry of a rollout's history.
 *
 * @param type what happened: {@code Started}, {@code StageAdvanced}, {@code Paused}, {@code
 *     Resumed}, {@code Promoted}, {@code RollingBack}, {@code RolledBack}, {@code Completed},
 *     {@code Superseded}
 * @param stage the stage the rollout was at afterwards
 * @param actor {@code controller} or {@code admin:<token id>}
 * @param message the reason, in words
 */
public record RolloutEventRecord(
    long rolloutId,
    String bundle,
    Instant at,
    String type,
    int stage,
    String actor,
    String message) {}
