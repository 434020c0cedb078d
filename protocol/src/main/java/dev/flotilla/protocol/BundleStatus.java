package dev.flotilla.protocol;

import java.time.Instant;

/**
 * The agent's view of one bundle.
 *
 * @param name bundle name
 * @param revision the revision last applied (or attempted)
 * @param digest the blob last applied (or attempted)
 * @param sync whether it is applied
 * @param health kstatus-style health of its objects
 * @param message what went wrong, or a summary of the last apply
 * @param changes counts of the last apply
 * @param updatedAt when this state was observed
 */
public record BundleStatus(
    String name,
    String revision,
    String digest,
    SyncState sync,
    Health health,
    String message,
    ChangeCounts changes,
    Instant updatedAt) {
  public BundleStatus {
    message = message == null ? "" : message;
    changes = changes == null ? ChangeCounts.NONE : changes;
  }

  /** Whether the desired bundle is in place. */
  public enum SyncState {
    PENDING,
    APPLIED,
    FAILED
  }

  /** kstatus-style health rolled up over the bundle's objects. */
  public enum Health {
    UNKNOWN,
    PROGRESSING,
    READY,
    FAILED
  }

  /** How many objects the last apply created, changed, left alone, deleted or failed on. */
  public record ChangeCounts(int created, int configured, int unchanged, int deleted, int failed) {
    public static final ChangeCounts NONE = new ChangeCounts(0, 0, 0, 0, 0);
  }
}
