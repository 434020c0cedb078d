package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.BundleStatusRecord;
import dev.flotilla.hub.store.EventRecord;
import dev.flotilla.hub.store.StatusStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusEvent;
import dev.flotilla.protocol.StatusReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

final class JdbcStatuses implements StatusStore {
  private static final String COLUMNS =
      "cluster_id, bundle, revision, digest, sync, health, message, changes, observed_at";
  private final Jdbc jdbc;

  JdbcStatuses(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public StatusAck record(ClusterId cluster, StatusReport report, Instant receivedAt) {
    return jdbc.tx("record status of " + cluster, c -> recordIn(c, cluster, report, receivedAt));
  }

  @Override
  public List<StatusAck> recordAll(List<ReceivedReport> reports) {
    return jdbc.tx(
        "record " + reports.size() + " status reports",
        c -> {
          List<StatusAck> acks = new ArrayList<>(reports.size());
          for (ReceivedReport r : reports) {
            acks.add(recordIn(c, r.cluster(), r.report(), r.receivedAt()));
          }
          return acks;
        });
  }

  private static StatusAck recordIn(
      Connection c, ClusterId cluster, StatusReport report, Instant receivedAt)
      throws SQLException {
    List<long[]> seqs =
        Jdbc.query(
            c,
            "SELECT report_seq, event_seq FROM clusters WHERE id = ?",
            rs -> new long[] {rs.getLong(1), rs.getLong(2)},
            cluster.value());
    if (seqs.isEmpty()) {
      throw new IllegalStateException("no cluster " + cluster);
    }
    long lastReport = seqs.get(0)[0];
    long lastEvent = seqs.get(0)[1];
    if (report.seq() > lastReport) {
      for (BundleStatus b : report.bundles()) {
        Jdbc.update(
            c,
            "INSERT INTO bundle_status ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (cluster_id, bundle) DO UPDATE SET revision = excluded.revision,"
                + " digest = excluded.digest, sync = excluded.sync, health = excluded.health,"
                + " message = excluded.message, changes = excluded.changes,"
                + " observed_at = excluded.observed_at",
            cluster.value(),
            b.name(),
            nullToEmpty(b.revision()),
            nullToEmpty(b.digest()),
            b.sync().name(),
            b.health().name(),
            b.message(),
            JsonColumns.changes(b.changes()),
            b.updatedAt() == null ? receivedAt : b.updatedAt());
      }
      for (String removed : report.removed()) {
        Jdbc.update(
            c,
            "DELETE FROM bundle_status WHERE cluster_id = ? AND bundle = ?",
            cluster.value(),
            removed);
      }
      if (report.facts() != null) {
        Jdbc.update(
            c,
            "UPDATE clusters SET facts = ? WHERE id = ?",
            JsonColumns.facts(report.facts()),
            cluster.value());
      }
      lastReport = report.seq();
    }
    for (StatusEvent e : report.events()) {
      if (e.seq() <= lastEvent) {
        continue;
      }
      Jdbc.update(
          c,
          "INSERT INTO events (cluster_id, seq, at, bundle, type, message)"
              + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id, seq) DO NOTHING",
          cluster.value(),
          e.seq(),
          e.time() == null ? receivedAt : e.time(),
          nullToEmpty(e.bundle()),
          e.type(),
          nullToEmpty(e.message()));
    }
    long maxEvent = report.events().stream().mapToLong(StatusEvent::seq).max().orElse(lastEvent);
    lastEvent = Math.max(lastEvent, maxEvent);
    Jdbc.update(
        c,
        "UPDATE clusters SET report_seq = ?, event_seq = ?,"
            + " last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE id = ?",
        lastReport,
        lastEvent,
        receivedAt,
        receivedAt,
        cluster.value());
    return new StatusAck(lastReport, lastEvent);
  }

  @Override
  public List<BundleStatusRecord> ofCluster(ClusterId cluster) {
    return jdbc.query(
        "read status of " + cluster,
        "SELECT " + COLUMNS + " FROM bundle_status WHERE cluster_id = ? ORDER BY bundle",
        JdbcStatuses::row,
        cluster.value());
  }

  @Override
  public List<BundleStatusRecord> ofBundle(String bundle) {
    return jdbc.query(
        "read status of bundle " + bundle,
        "SELECT " + COLUMNS + " FROM bundle_status WHERE bundle = ? ORDER BY cluster_id",
        JdbcStatuses::row,
        bundle);
  }

  @Override
  public List<BundleStatusRecord> ofClusters(Collection<ClusterId> clusters) {
    List<BundleStatusRecord> out = new ArrayList<>();
    for (List<String> ids : InLists.chunks(clusters)) {
      out.addAll(
          jdbc.query(
              "read status of " + ids.size() + " clusters from " + ids.get(0),
              "SELECT "
                  + COLUMNS
                  + " FROM bundle_status WHERE cluster_id IN ("
                  + InLists.marks(ids.size())
                  + ") ORDER BY cluster_id, bundle",
              JdbcStatuses::row,
              ids.toArray()));
    }
    return out;
  }

  @Override
  public List<BundleStatusRecord> ofClustersBetween(ClusterId from, ClusterId to) {
    return jdbc.query(
        "read status of clusters " + from + " to " + to,
        "SELECT "
            + COLUMNS
            + " FROM bundle_status WHERE cluster_id >= ? AND cluster_id <= ?"
            + " ORDER BY cluster_id, bundle",
        JdbcStatuses::row,
        from.value(),
        to.value());
  }

  @Override
  public List<BundleStatusRecord> all() {
    return jdbc.query(
        "read all status",
        "SELECT " + COLUMNS + " FROM bundle_status ORDER BY cluster_id, bundle",
        JdbcStatuses::row);
  }

  @Override
  public List<EventRecord> events(ClusterId cluster, int limit) {
    return jdbc.query(
        "read events of " + cluster,
        "SELECT cluster_id, seq, at, bundle, type, message FROM events WHERE cluster_id = ?"
            + " ORDER BY seq DESC LIMIT ?",
        rs ->
            new EventRecord(
                new ClusterId(rs.getString("cluster_id")),
                rs.getLong("seq"),
                Jdbc.instant(rs, "at"),
                rs.getString("bundle"),
                rs.getString("type"),
                rs.getString("message")),
        cluster.value(),
        limit);
  }

  @Override
  public long eventCount(ClusterId cluster) {
    return jdbc.queryOne(
            "count events of " + cluster,
            "SELECT COUNT(*) FROM events WHERE cluster_id = ?",
            rs -> rs.getLong(1),
            cluster.value())
        .orElse(0L);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static BundleStatusRecord row(ResultSet rs) throws SQLException {
    return new BundleStatusRecord(
        new ClusterId(rs.getString("cluster_id")),
        rs.getString("bundle"),
        rs.getString("revision"),
        rs.getString("digest"),
        BundleStatus.SyncState.valueOf(rs.getString("sync")),
        BundleStatus.Health.valueOf(rs.getString("health")),
        rs.getString("message"),
        JsonColumns.changes(rs.getString("changes")),
        Jdbc.instant(rs, "observed_at"));
  }
}
