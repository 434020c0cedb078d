package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.BundleRecord;
import dev.flotilla.hub.store.BundleStore;
import dev.flotilla.hub.store.PreviousRevision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class JdbcBundles implements BundleStore {
  private static final String COLUMNS = "name, source, path, spec, revision, error, updated_at";
  private static final String REPLACES_SETTLED =
      "bundles.settled = 1 AND bundles.revision <> excluded.revision AND excluded.revision <> ''";
  private final Jdbc jdbc;

  JdbcBundles(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void upsert(BundleRecord b) {
    jdbc.update(
        "save bundle " + b.name(),
        "INSERT INTO bundles ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET"
            // a settled revision that is being replaced becomes the previous one (SET expressions
            // read the row as it was before this update, on SQLite and PostgreSQL alike)
            + " previous_revision = CASE WHEN "
            + REPLACES_SETTLED
            + " THEN bundles.revision ELSE bundles.previous_revision END,"
            + " previous_path = CASE WHEN "
            + REPLACES_SETTLED
            + " THEN bundles.path ELSE bundles.previous_path END,"
            + " previous_spec = CASE WHEN "
            + REPLACES_SETTLED
            + " THEN bundles.spec ELSE bundles.previous_spec END,"
            + " settled = CASE WHEN bundles.revision <> excluded.revision THEN 0"
            + " ELSE bundles.settled END,"
            + " source = excluded.source, path = excluded.path,"
            + " spec = excluded.spec, revision = excluded.revision, error = excluded.error,"
            + " updated_at = excluded.updated_at",
        b.name(),
        b.source(),
        b.path(),
        b.specYaml(),
        b.revision(),
        b.error(),
        b.updatedAt());
  }

  @Override
  public void setError(String name, String error, Instant at) {
    jdbc.update(
        "record error of bundle " + name,
        "UPDATE bundles SET error = ?, updated_at = ? WHERE name = ?",
        error,
        at,
        name);
  }

  @Override
  public Optional<BundleRecord> get(String name) {
    return jdbc.queryOne(
        "get bundle " + name,
        "SELECT " + COLUMNS + " FROM bundles WHERE name = ?",
        JdbcBundles::row,
        name);
  }

  @Override
  public List<BundleRecord> list() {
    return jdbc.query(
        "list bundles", "SELECT " + COLUMNS + " FROM bundles ORDER BY name", JdbcBundles::row);
  }

  @Override
  public boolean remove(String name) {
    return jdbc.update("remove bundle " + name, "DELETE FROM bundles WHERE name = ?", name) > 0;
  }

  @Override
  public Optional<PreviousRevision> previous(String name) {
    return jdbc.queryOne(
        "get previous revision of bundle " + name,
        "SELECT name, previous_revision, previous_path, previous_spec FROM bundles"
            + " WHERE name = ? AND previous_revision <> ''",
        rs ->
            new PreviousRevision(
                rs.getString("name"),
                rs.getString("previous_revision"),
                rs.getString("previous_path"),
                rs.getString("previous_spec")),
        name);
  }

  @Override
  public void setSettled(String name, String revision, boolean settled) {
    jdbc.update(
        "mark revision " + revision + " of bundle " + name + (settled ? " settled" : " unsettled"),
        "UPDATE bundles SET settled = ? WHERE name = ? AND revision = ?",
        settled,
        name,
        revision);
  }

  private static BundleRecord row(ResultSet rs) throws SQLException {
    return new BundleRecord(
        rs.getString("name"),
        rs.getString("source"),
        rs.getString("path"),
        rs.getString("spec"),
        rs.getString("revision"),
        rs.getString("error"),
        Jdbc.instant(rs, "updated_at"));
  }
}
