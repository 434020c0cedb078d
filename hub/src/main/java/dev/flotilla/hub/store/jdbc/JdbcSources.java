package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.SourceAuth;
import dev.flotilla.hub.store.SourceDefinition;
import dev.flotilla.hub.store.SourceRecord;
import dev.flotilla.hub.store.SourceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class JdbcSources implements SourceStore {
  private static final String COLUMNS =
      "name, url, branch, path, revision, fetched_at, error, error_at, auth_kind, auth_username,"
          + " auth_secret, known_hosts, webhook_secret";
  private final Jdbc jdbc;

  JdbcSources(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void upsert(String name, String url, String branch, String path) {
    jdbc.update(
        "save source " + name,
        "INSERT INTO sources (name, url, branch, path) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET url = excluded.url, branch = excluded.branch,"
            + " path = excluded.path",
        name,
        url,
        branch,
        path);
  }

  @Override
  public void upsert(SourceDefinition d) {
    jdbc.update(
        "save source " + d.name(),
        "INSERT INTO sources (name, url, branch, path, auth_kind, auth_username, auth_secret,"
            + " known_hosts, webhook_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET url = excluded.url, branch = excluded.branch,"
            + " path = excluded.path, auth_kind = excluded.auth_kind,"
            + " auth_username = excluded.auth_username, auth_secret = excluded.auth_secret,"
            + " known_hosts = excluded.known_hosts, webhook_secret = excluded.webhook_secret",
        d.name(),
        d.url(),
        d.branch(),
        d.path(),
        d.auth().kind().name(),
        d.auth().username(),
        d.auth().secret(),
        d.auth().knownHosts(),
        d.webhookSecret());
  }

  @Override
  public Optional<SourceRecord> get(String name) {
    return jdbc.queryOne(
        "get source " + name,
        "SELECT " + COLUMNS + " FROM sources WHERE name = ?",
        JdbcSources::row,
        name);
  }

  @Override
  public List<SourceRecord> list() {
    return jdbc.query(
        "list sources", "SELECT " + COLUMNS + " FROM sources ORDER BY name", JdbcSources::row);
  }

  @Override
  public boolean remove(String name) {
    return jdbc.update("remove source " + name, "DELETE FROM sources WHERE name = ?", name) > 0;
  }

  @Override
  public void fetched(String name, String revision, Instant at) {
    jdbc.update(
        "record fetch of " + name,
        "UPDATE sources SET revision = ?, fetched_at = ?, error = '', error_at = NULL WHERE name = ?",
        revision,
        at,
        name);
  }

  @Override
  public void failed(String name, String error, Instant at) {
    jdbc.update(
        "record fetch failure of " + name,
        "UPDATE sources SET error = ?, error_at = ? WHERE name = ?",
        error,
        at,
        name);
  }

  private static SourceRecord row(ResultSet rs) throws SQLException {
    return new SourceRecord(
        rs.getString("name"),
        rs.getString("url"),
        rs.getString("branch"),
        rs.getString("path"),
        Optional.ofNullable(rs.getString("revision")),
        Optional.ofNullable(Jdbc.instant(rs, "fetched_at")),
        rs.getString("error"),
        Optional.ofNullable(Jdbc.instant(rs, "error_at")),
        new SourceAuth(
            SourceAuth.Kind.valueOf(rs.getString("auth_kind")),
            rs.getString("auth_username"),
            rs.getString("auth_secret"),
            rs.getString("known_hosts")),
        rs.getString("webhook_secret"));
  }
}
