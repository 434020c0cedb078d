package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import java.time.Instant;

/** One stored agent event. */
public record EventRecord(
    ClusterId cluster, long seq, Instant at, String bundle, String type, String message) {}
