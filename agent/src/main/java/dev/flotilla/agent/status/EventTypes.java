package dev.flotilla.agent.status;

/** The event types the agent reports (see docs/protocol.md, "Status"). */
public final class EventTypes {
  public static final String APPLIED = "Applied";
  public static final String APPLY_FAILED = "ApplyFailed";
  public static final String REMOVED = "Removed";
  public static final String REMOVE_FAILED = "RemoveFailed";
  public static final String UNHEALTHY = "Unhealthy";
  public static final String DRIFT_CORRECTED = "DriftCorrected";
  public static final String CACHE_CORRUPT = "CacheCorrupt";
  public static final String DOCUMENT_REJECTED = "DocumentRejected";
  public static final String SECRET_REJECTED = "SecretRejected";
  public static final String EVENTS_COMPACTED = PendingEvent.COMPACTED;

  private EventTypes() {}
}
