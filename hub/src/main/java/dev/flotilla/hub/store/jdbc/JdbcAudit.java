package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.AuditLog;
import java.time.Instant;
import java.util.List;

final class JdbcAudit implements AuditLog {
  private final Jdbc jdbc;

  JdbcAudit(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void record(Instant at, String actor, String action, String target, String detail) {
    jdbc.update(
        "write audit log",
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        at,
        actor,
        action,
        target,
        detail);
  }

  @Override
  public List<Entry> recent(int limit) {
    return jdbc.query(
        "read audit log",
        "SELECT at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?",
        rs ->
            new Entry(
                Jdbc.instant(rs, "at"),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("detail")),
        limit);
  }
}
