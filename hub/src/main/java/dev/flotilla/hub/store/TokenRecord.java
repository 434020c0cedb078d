package dev.flotilla.hub.store;

import dev.flotilla.model.Labels;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A bootstrap token; only the sha256 of its secret is kept.
 *
 * @param usesLeft empty for unlimited
 * @param expiresAt empty for never
 */
public record TokenRecord(
    String id,
    String secretHash,
    Labels labels,
    OptionalInt usesLeft,
    Optional<Instant> expiresAt,
    Instant createdAt,
    boolean revoked,
    String description) {}
