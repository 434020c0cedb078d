package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import java.time.Instant;

/**
 * A registered cluster as the hub stores it.
 *
 * @param keySha256 sha256 of the public key the cluster enrolled with: a registration retried with
 *     the same key (its answer was lost) gets the same identity again
 */
public record ClusterRecord(
    ClusterId id,
    String name,
    Labels labels,
    Facts facts,
    Instant createdAt,
    Instant lastSeen,
    boolean revoked,
    String certSerial,
    Instant certExpires,
    String keySha256,
    long reportSeq,
    long eventSeq) {

  /** This record with a later last contact (one not yet written); itself if not later. */
  public ClusterRecord seenAt(Instant at) {
    if (at == null || !at.isAfter(lastSeen)) {
      return this;
    }
    return new ClusterRecord(
        id,
        name,
        labels,
        facts,
        createdAt,
        at,
        revoked,
        certSerial,
        certExpires,
        keySha256,
        reportSeq,
        eventSeq);
  }
}
