package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.ClusterStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcClusters implements ClusterStore {
  private static final String COLUMNS =
      "id, name, labels, facts, created_at, last_seen, revoked, cert_serial, cert_expires,"
          + " key_sha256, report_seq, event_seq";

  /** Rows per transaction of {@link #insertAll}. */
  static final int BATCH = 5_000;

  private final Jdbc jdbc;

  JdbcClusters(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(ClusterRecord c) {
    jdbc.txVoid(
        "register cluster " + c.name(),
        conn -> {
          if (!Jdbc.query(conn, "SELECT id FROM clusters WHERE name = ?", rs -> 1, c.name())
              .isEmpty()) {
            throw new NameTaken(c.name());
          }
          Jdbc.update(
              conn,
              "INSERT INTO clusters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              c.id().value(),
              c.name(),
              JsonColumns.labels(c.labels()),
              JsonColumns.facts(c.facts()),
              c.createdAt(),
              c.lastSeen(),
              c.revoked(),
              c.certSerial(),
              c.certExpires(),
              c.keySha256(),
              c.reportSeq(),
              c.eventSeq());
        });
  }

  @Override
  public void insertAll(List<ClusterRecord> clusters) {
    for (int from = 0; from < clusters.size(); from += BATCH) {
      List<ClusterRecord> batch = clusters.subList(from, Math.min(clusters.size(), from + BATCH));
      jdbc.txVoid(
          "register " + batch.size() + " clusters from " + batch.get(0).name(),
          conn -> insertBatch(conn, batch));
    }
  }

  private static void insertBatch(Connection conn, List<ClusterRecord> batch) throws SQLException {
    try (PreparedStatement taken = conn.prepareStatement("SELECT id FROM clusters WHERE name = ?");
        PreparedStatement ps =
            conn.prepareStatement(
                "INSERT INTO clusters ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ClusterRecord c : batch) {
        taken.setString(1, c.name());
        try (ResultSet rs = taken.executeQuery()) {
          if (rs.next()) {
            throw new NameTaken(c.name());
          }
        }
        ps.setString(1, c.id().value());
        ps.setString(2, c.name());
        ps.setString(3, JsonColumns.labels(c.labels()));
        ps.setString(4, JsonColumns.facts(c.facts()));
        ps.setLong(5, c.createdAt().toEpochMilli());
        ps.setLong(6, c.lastSeen().toEpochMilli());
        ps.setInt(7, c.revoked() ? 1 : 0);
        ps.setString(8, c.certSerial());
        ps.setLong(9, c.certExpires().toEpochMilli());
        ps.setString(10, c.keySha256());
        ps.setLong(11, c.reportSeq());
        ps.setLong(12, c.eventSeq());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public Optional<ClusterRecord> get(ClusterId id) {
    return jdbc.queryOne(
        "get cluster " + id,
        "SELECT " + COLUMNS + " FROM clusters WHERE id = ?",
        JdbcClusters::row,
        id.value());
  }

  @Override
  public Optional<ClusterRecord> byName(String name) {
    return jdbc.queryOne(
        "get cluster " + name,
        "SELECT " + COLUMNS + " FROM clusters WHERE name = ?",
        JdbcClusters::row,
        name);
  }

  @Override
  public List<ClusterRecord> list() {
    return jdbc.query(
        "list clusters", "SELECT " + COLUMNS + " FROM clusters ORDER BY name", JdbcClusters::row);
  }

  @Override
  public List<ClusterRecord> page(ClusterId after, int limit) {
    return jdbc.query(
        "list clusters after " + after,
        "SELECT " + COLUMNS + " FROM clusters WHERE id > ? ORDER BY id LIMIT ?",
        JdbcClusters::row,
        after == null ? "" : after.value(),
        limit);
  }

  @Override
  public List<ClusterRecord> pageByName(String afterName, int limit) {
    return jdbc.query(
        "list clusters named after " + afterName,
        "SELECT " + COLUMNS + " FROM clusters WHERE name > ? ORDER BY name LIMIT ?",
        JdbcClusters::row,
        afterName == null ? "" : afterName,
        limit);
  }

  @Override
  public void setLabels(ClusterId id, Labels labels) {
    jdbc.update(
        "set labels of " + id,
        "UPDATE clusters SET labels = ? WHERE id = ?",
        JsonColumns.labels(labels),
        id.value());
  }

  @Override
  public void setFacts(ClusterId id, Facts facts) {
    jdbc.update(
        "set facts of " + id,
        "UPDATE clusters SET facts = ? WHERE id = ?",
        JsonColumns.facts(facts),
        id.value());
  }

  @Override
  public void setCertificate(ClusterId id, String serial, Instant expires) {
    jdbc.update(
        "set certificate of " + id,
        "UPDATE clusters SET cert_serial = ?, cert_expires = ? WHERE id = ?",
        serial,
        expires,
        id.value());
  }

  @Override
  public void setEncryptionKey(ClusterId id, String publicKey) {
    jdbc.update(
        "set encryption key of " + id,
        "UPDATE clusters SET encryption_key = ? WHERE id = ?",
        publicKey,
        id.value());
  }

  @Override
  public Optional<String> encryptionKey(ClusterId id) {
    return jdbc.queryOne(
            "get encryption key of " + id,
            "SELECT encryption_key FROM clusters WHERE id = ?",
            rs -> rs.getString("encryption_key"),
            id.value())
        .filter(k -> !k.isEmpty());
  }

  @Override
  public void touch(ClusterId id, Instant at) {
    jdbc.update(
        "touch " + id,
        "UPDATE clusters SET last_seen = ? WHERE id = ? AND last_seen < ?",
        at,
        id.value(),
        at);
  }

  /** Rows per transaction, so other writers queue behind one flush for milliseconds only. */
  private static final int TOUCH_CHUNK = 2_000;

  @Override
  public void touchAll(Map<ClusterId, Instant> seen) {
    List<Object[]> rows = new ArrayList<>(Math.min(seen.size(), TOUCH_CHUNK));
    for (Map.Entry<ClusterId, Instant> e : seen.entrySet()) {
      rows.add(new Object[] {e.getValue(), e.getKey().value(), e.getValue()});
      if (rows.size() == TOUCH_CHUNK) {
        touchRows(rows);
        rows.clear();
      }
    }
    if (!rows.isEmpty()) {
      touchRows(rows);
    }
  }

  private void touchRows(List<Object[]> rows) {
    jdbc.txVoid(
        "record last contact of " + rows.size() + " clusters",
        c ->
            Jdbc.batch(
                c, "UPDATE clusters SET last_seen = ? WHERE id = ? AND last_seen < ?", rows));
  }

  @Override
  public void revoke(ClusterId id) {
    jdbc.update("revoke " + id, "UPDATE clusters SET revoked = 1 WHERE id = ?", id.value());
  }

  static ClusterRecord row(ResultSet rs) throws SQLException {
    return new ClusterRecord(
        new ClusterId(rs.getString("id")),
        rs.getString("name"),
        JsonColumns.labels(rs.getString("labels")),
        JsonColumns.facts(rs.getString("facts")),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "last_seen"),
        rs.getInt("revoked") != 0,
        rs.getString("cert_serial"),
        Jdbc.instant(rs, "cert_expires"),
        rs.getString("key_sha256"),
        rs.getLong("report_seq"),
        rs.getLong("event_seq"));
  }
}
