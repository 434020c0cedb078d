package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.DesiredRecord;
import dev.flotilla.hub.store.DesiredStore;
import dev.flotilla.hub.store.DesiredStore.StaleGeneration;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

final class JdbcDesired implements DesiredStore {
  private static final String ASSIGNMENT_COLUMNS =
      "cluster_id, bundle, revision, digest, state, message, updated_at";
  private final Jdbc jdbc;

  JdbcDesired(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<DesiredRecord> get(ClusterId cluster) {
    return jdbc.queryOne(
        "read desired document of " + cluster,
        "SELECT cluster_id, generation, etag, document, updated_at FROM desired WHERE cluster_id = ?",
        rs ->
            new DesiredRecord(
                new ClusterId(rs.getString("cluster_id")),
                rs.getLong("generation"),
                rs.getString("etag"),
                rs.getBytes("document"),
                Jdbc.instant(rs, "updated_at")),
        cluster.value());
  }

  @Override
  public void save(
      ClusterId cluster, List<Assignment> assignments, Optional<DesiredRecord> document) {
    jdbc.txVoid(
        "save desired state of " + cluster,
        c -> {
          Jdbc.update(c, "DELETE FROM assignments WHERE cluster_id = ?", cluster.value());
          for (Assignment a : assignments) {
            Jdbc.update(
                c,
                "INSERT INTO assignments (" + ASSIGNMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                cluster.value(),
                a.bundle(),
                a.revision(),
                a.digest(),
                a.state().name(),
                a.message(),
                a.updatedAt());
          }
          if (document.isPresent()) {
            DesiredRecord d = document.get();
            int saved =
                Jdbc.update(
                    c,
                    "INSERT INTO desired (cluster_id, generation, etag, document, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (cluster_id) DO UPDATE SET"
                        + " generation = excluded.generation, etag = excluded.etag,"
                        + " document = excluded.document, updated_at = excluded.updated_at"
                        + " WHERE desired.generation < excluded.generation",
                    cluster.value(),
                    d.generation(),
                    d.etag(),
                    d.document(),
                    d.updatedAt());
            if (saved == 0) {
              throw new StaleGeneration(cluster, d.generation());
            }
          }
        });
  }

  @Override
  public List<Assignment> assignments(ClusterId cluster) {
    return jdbc.query(
        "read assignments of " + cluster,
        "SELECT " + ASSIGNMENT_COLUMNS + " FROM assignments WHERE cluster_id = ? ORDER BY bundle",
        JdbcDesired::row,
        cluster.value());
  }

  @Override
  public List<Assignment> assignmentsOf(String bundle) {
    return jdbc.query(
        "read assignments of bundle " + bundle,
        "SELECT " + ASSIGNMENT_COLUMNS + " FROM assignments WHERE bundle = ? ORDER BY cluster_id",
        JdbcDesired::row,
        bundle);
  }

  @Override
  public List<Assignment> allAssignments() {
    return jdbc.query(
        "read all assignments",
        "SELECT " + ASSIGNMENT_COLUMNS + " FROM assignments ORDER BY cluster_id, bundle",
        JdbcDesired::row);
  }

  @Override
  public boolean references(ClusterId cluster, Digest digest) {
    return jdbc.queryOne(
            "check blob reference",
            "SELECT 1 FROM assignments WHERE cluster_id = ? AND digest = ? AND digest <> ''",
            rs -> 1,
            cluster.value(),
            digest.hex())
        .isPresent();
  }

  private static Assignment row(ResultSet rs) throws SQLException {
    return new Assignment(
        new ClusterId(rs.getString("cluster_id")),
        rs.getString("bundle"),
        rs.getString("revision"),
        rs.getString("digest"),
        Assignment.State.valueOf(rs.getString("state")),
        rs.getString("message"),
        Jdbc.instant(rs, "updated_at"));
  }
}
