package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.BundleStatus;
import java.time.Instant;

/** The latest reported state of one bundle on one cluster. */
public record BundleStatusRecord(
    ClusterId cluster,
    String bundle,
    String revision,
    String digest,
    BundleStatus.SyncState sync,
    BundleStatus.Health health,
    String message,
    BundleStatus.ChangeCounts changes,
    Instant observedAt) {}
