package dev.flotilla.hub.store;

import java.time.Instant;

/**
 * A bundle's last good definition and the latest problem, if any.
 *
 * @param specYaml the text of the last valid {@code bundle.yaml}
 * @param revision the revision that text (and the manifests) come from
 * @param error why the newest revision was not taken, empty if it was
 */
public record BundleRecord(
    String name,
    String source,
    String path,
    String specYaml,
    String revision,
    String error,
    Instant updatedAt) {}
