package dev.flotilla.hub.store;

import java.time.Instant;

/** An admin API token; only the sha256 of its secret is kept. */
public record AdminTokenRecord(
    String id,
    String secretHash,
    Role role,
    Instant createdAt,
    boolean revoked,
    String description) {

  /** What an admin token may do: read, operate (labels, rollouts), or everything. */
  public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public boolean allows(Role needed) {
      return compareTo(needed) >= 0;
    }
  }
}
