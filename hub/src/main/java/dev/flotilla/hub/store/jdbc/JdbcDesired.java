package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.DesiredRecord;
import dev.flotilla.hub.store.DesiredStore;
import dev.flotilla.hub.store.DesiredStore.StaleGeneration;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.BundleStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        c -> saveIn(c, new Save(cluster, assignments, document, "")));
  }

  @Override
  public void saveAll(List<Save> saves) {
    if (saves.isEmpty()) {
      return;
    }
    jdbc.txVoid(
        "save desired state of " + saves.size() + " clusters",
        c -> {
          for (Save s : saves) {
            saveIn(c, s);
          }
        });
  }

  private static void saveIn(Connection c, Save s) throws SQLException {
    ClusterId cluster = s.cluster();
    Jdbc.update(c, "DELETE FROM assignments WHERE cluster_id = ?", cluster.value());
    List<Object[]> rows = new ArrayList<>();
    for (Assignment a : s.assignments()) {
      rows.add(
          new Object[] {
            cluster.value(),
            a.bundle(),
            a.revision(),
            a.digest(),
            a.state().name(),
            a.message(),
            a.updatedAt()
          });
    }
    if (!rows.isEmpty()) {
      Jdbc.batch(
          c,
          "INSERT INTO assignments (" + ASSIGNMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
          rows);
    }
    if (s.document().isPresent()) {
      DesiredRecord d = s.document().get();
      int saved =
          Jdbc.update(
              c,
              "INSERT INTO desired (cluster_id, generation, etag, document, updated_at,"
                  + " content_hash) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id) DO UPDATE"
                  + " SET generation = excluded.generation, etag = excluded.etag,"
                  + " document = excluded.document, updated_at = excluded.updated_at,"
                  + " content_hash = excluded.content_hash"
                  + " WHERE desired.generation < excluded.generation",
              cluster.value(),
              d.generation(),
              d.etag(),
              d.document(),
              d.updatedAt(),
              s.contentHash());
      if (saved == 0) {
        throw new StaleGeneration(cluster, d.generation());
      }
    }
  }

  @Override
  public Map<ClusterId, Planned> plannedBetween(ClusterId from, ClusterId to) {
    Map<ClusterId, List<Assignment>> assignments = new HashMap<>();
    for (Assignment a : assignmentsBetween(from, to)) {
      assignments.computeIfAbsent(a.cluster(), k -> new ArrayList<>()).add(a);
    }
    Map<ClusterId, Planned> out = new HashMap<>();
    for (Object[] d :
        jdbc.query(
            "read desired documents of clusters " + from + " to " + to,
            "SELECT cluster_id, generation, content_hash FROM desired"
                + " WHERE cluster_id >= ? AND cluster_id <= ?",
            rs -> new Object[] {new ClusterId(rs.getString(1)), rs.getLong(2), rs.getString(3)},
            from.value(),
            to.value())) {
      ClusterId id = (ClusterId) d[0];
      out.put(
          id,
          new Planned(assignments.getOrDefault(id, List.of()), (Long) d[1], String.valueOf(d[2])));
    }
    assignments.forEach((id, list) -> out.putIfAbsent(id, new Planned(list, 0, "")));
    return out;
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
  public List<Assignment> assignmentsOfClusters(Collection<ClusterId> clusters) {
    List<Assignment> out = new ArrayList<>();
    for (List<String> ids : InLists.chunks(clusters)) {
      out.addAll(
          jdbc.query(
              "read assignments of " + ids.size() + " clusters from " + ids.get(0),
              "SELECT "
                  + ASSIGNMENT_COLUMNS
                  + " FROM assignments WHERE cluster_id IN ("
                  + InLists.marks(ids.size())
                  + ") ORDER BY cluster_id, bundle",
              JdbcDesired::row,
              ids.toArray()));
    }
    return out;
  }

  @Override
  public List<ProgressCount> progressCounts(String bundle) {
    String served = "CASE WHEN a.digest <> '' THEN 1 ELSE 0 END";
    return jdbc.query(
        bundle == null ? "count assignments" : "count assignments of bundle " + bundle,
        "SELECT a.bundle, a.state, "
            + served
            + " AS served, s.sync, s.health, COUNT(*) AS n FROM assignments a"
            + " LEFT JOIN bundle_status s ON s.cluster_id = a.cluster_id AND s.bundle = a.bundle"
            + " AND s.digest = a.digest"
            + (bundle == null ? "" : " WHERE a.bundle = ?")
            + " GROUP BY a.bundle, a.state, "
            + served
            + ", s.sync, s.health",
        rs -> {
          String sync = rs.getString("sync");
          String health = rs.getString("health");
          return new ProgressCount(
              rs.getString("bundle"),
              Assignment.State.valueOf(rs.getString("state")),
              rs.getInt("served") != 0,
              sync == null ? null : BundleStatus.SyncState.valueOf(sync),
              health == null ? null : BundleStatus.Health.valueOf(health),
              rs.getLong("n"));
        },
        bundle == null ? new Object[0] : new Object[] {bundle});
  }

  @Override
  public List<Assignment> assignmentsBetween(ClusterId from, ClusterId to) {
    return jdbc.query(
        "read assignments of clusters " + from + " to " + to,
        "SELECT "
            + ASSIGNMENT_COLUMNS
            + " FROM assignments WHERE cluster_id >= ? AND cluster_id <= ? ORDER BY cluster_id",
        JdbcDesired::row,
        from.value(),
        to.value());
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
