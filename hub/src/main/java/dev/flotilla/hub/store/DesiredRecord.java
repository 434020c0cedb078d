package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import java.time.Instant;

/**
 * A cluster's current signed desired document.
 *
 * @param etag the strong entity tag served with it (sha256 prefix of the document)
 * @param document the response body: JSON of a signed document
 */
public record DesiredRecord(
    ClusterId cluster, long generation, String etag, byte[] document, Instant updatedAt) {}
