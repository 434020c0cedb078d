package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.RolloutEventRecord;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class JdbcRollouts implements RolloutStore {
  private static final String COLUMNS =
      "id, bundle, revision, previous_revision, phase, stage, accepted_failures, reason,"
          + " started_at, updated_at, version, progress";
  private static final String EVENT_COLUMNS = "rollout_id, bundle, at, type, stage, actor, message";
  private final Jdbc jdbc;

  JdbcRollouts(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public RolloutRecord start(RolloutRecord r, List<RolloutEventRecord> events, int keep) {
    return jdbc.tx(
        "start rollout of " + r.bundle() + " at " + r.revision(),
        c -> {
          Jdbc.update(
              c,
              "UPDATE rollouts SET phase = ?, version = version + 1, updated_at = ?"
                  + " WHERE bundle = ? AND phase IN (?, ?, ?)",
              RolloutRecord.Phase.SUPERSEDED.name(),
              r.startedAt(),
              r.bundle(),
              RolloutRecord.Phase.PROGRESSING.name(),
              RolloutRecord.Phase.PAUSED.name(),
              RolloutRecord.Phase.ROLLING_BACK.name());
          Jdbc.update(
              c,
              "INSERT INTO rollouts (bundle, revision, previous_revision, phase, stage,"
                  + " accepted_failures, reason, started_at, updated_at, version, progress)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
              r.bundle(),
              r.revision(),
              r.previousRevision(),
              r.phase().name(),
              r.stage(),
              r.acceptedFailures(),
              r.reason(),
              r.startedAt(),
              r.updatedAt(),
              r.progress());
          RolloutRecord saved =
              Jdbc.query(
                      c,
                      "SELECT "
                          + COLUMNS
                          + " FROM rollouts WHERE bundle = ? ORDER BY id DESC LIMIT 1",
                      JdbcRollouts::row,
                      r.bundle())
                  .get(0);
          for (RolloutEventRecord e : events) {
            insertEvent(c, e.rolloutId() == 0 ? saved.id() : e.rolloutId(), e);
          }
          List<Long> ids =
              Jdbc.query(
                  c,
                  "SELECT id FROM rollouts WHERE bundle = ? ORDER BY id DESC",
                  rs -> rs.getLong("id"),
                  r.bundle());
          List<Long> old = ids.subList(Math.min(keep, ids.size()), ids.size());
          for (long id : old) {
            Jdbc.update(c, "DELETE FROM rollout_events WHERE rollout_id = ?", id);
            Jdbc.update(c, "DELETE FROM rollouts WHERE id = ?", id);
          }
          return saved;
        });
  }

  @Override
  public Optional<RolloutRecord> save(RolloutRecord next, List<RolloutEventRecord> events) {
    return jdbc.tx(
        "save rollout " + next.id() + " of " + next.bundle(),
        c -> {
          int n =
              Jdbc.update(
                  c,
                  "UPDATE rollouts SET phase = ?, stage = ?, accepted_failures = ?, reason = ?,"
                      + " updated_at = ?, progress = ?, version = version + 1"
                      + " WHERE id = ? AND version = ?",
                  next.phase().name(),
                  next.stage(),
                  next.acceptedFailures(),
                  next.reason(),
                  next.updatedAt(),
                  next.progress(),
                  next.id(),
                  next.version());
          if (n == 0) {
            return Optional.<RolloutRecord>empty();
          }
          for (RolloutEventRecord e : events) {
            insertEvent(c, next.id(), e);
          }
          return Optional.of(
              new RolloutRecord(
                  next.id(),
                  next.bundle(),
                  next.revision(),
                  next.previousRevision(),
                  next.phase(),
                  next.stage(),
                  next.acceptedFailures(),
                  next.reason(),
                  next.startedAt(),
                  next.updatedAt(),
                  next.version() + 1,
                  next.progress()));
        });
  }

  private static void insertEvent(Connection c, long rolloutId, RolloutEventRecord e)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO rollout_events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        rolloutId,
        e.bundle(),
        e.at(),
        e.type(),
        e.stage(),
        e.actor(),
        e.message());
  }

  @Override
  public Optional<RolloutRecord> latest(String bundle) {
    return jdbc.queryOne(
        "read the rollout of " + bundle,
        "SELECT " + COLUMNS + " FROM rollouts WHERE bundle = ? ORDER BY id DESC LIMIT 1",
        JdbcRollouts::row,
        bundle);
  }

  @Override
  public List<RolloutRecord> latestOfEach() {
    return jdbc.query(
        "read current rollouts",
        "SELECT "
            + COLUMNS
            + " FROM rollouts WHERE id IN (SELECT MAX(id) FROM rollouts GROUP BY bundle)"
            + " ORDER BY bundle",
        JdbcRollouts::row);
  }

  @Override
  public List<RolloutRecord> history(String bundle, int limit) {
    return jdbc.query(
        "read rollout history of " + bundle,
        "SELECT " + COLUMNS + " FROM rollouts WHERE bundle = ? ORDER BY id DESC LIMIT ?",
        JdbcRollouts::row,
        bundle,
        limit);
  }

  @Override
  public List<RolloutEventRecord> events(String bundle, int limit) {
    return jdbc.query(
        "read rollout events of " + bundle,
        "SELECT "
            + EVENT_COLUMNS
            + " FROM rollout_events WHERE bundle = ? ORDER BY id DESC LIMIT ?",
        rs ->
            new RolloutEventRecord(
                rs.getLong("rollout_id"),
                rs.getString("bundle"),
                Jdbc.instant(rs, "at"),
                rs.getString("type"),
                rs.getInt("stage"),
                rs.getString("actor"),
                rs.getString("message")),
        bundle,
        limit);
  }

  @Override
  public void removeBundle(String bundle) {
    jdbc.txVoid(
        "forget rollouts of " + bundle,
        c -> {
          Jdbc.update(c, "DELETE FROM rollout_events WHERE bundle = ?", bundle);
          Jdbc.update(c, "DELETE FROM rollouts WHERE bundle = ?", bundle);
        });
  }

  private static RolloutRecord row(ResultSet rs) throws SQLException {
    return new RolloutRecord(
        rs.getLong("id"),
        rs.getString("bundle"),
        rs.getString("revision"),
        rs.getString("previous_revision"),
        RolloutRecord.Phase.valueOf(rs.getString("phase")),
        rs.getInt("stage"),
        rs.getInt("accepted_failures"),
        rs.getString("reason"),
        Jdbc.instant(rs, "started_at"),
        Jdbc.instant(rs, "updated_at"),
        rs.getLong("version"),
        rs.getString("progress"));
  }
}
