package dev.flotilla.hub.store;

import java.time.Instant;
import java.util.List;

/** Every mutating admin call, who made it and on what. */
public interface AuditLog {
  void record(Instant at, String actor, String action, String target, String detail);

  List<Entry> recent(int limit);

  /** One audit entry. */
  record Entry(Instant at, String actor, String action, String target, String detail) {}
}
