package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.AdminTokenRecord;
import dev.flotilla.hub.store.TokenRecord;
import dev.flotilla.hub.store.TokenStore;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

final class JdbcTokens implements TokenStore {
  private static final String COLUMNS =
      "id, secret_hash, labels, uses_left, expires_at, created_at, revoked, description";
  private static final String ADMIN_COLUMNS =
      "id, secret_hash, role, created_at, revoked, description";
  private final Jdbc jdbc;

  JdbcTokens(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(TokenRecord t) {
    jdbc.update(
        "create token " + t.id(),
        "INSERT INTO bootstrap_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        t.id(),
        t.secretHash(),
        JsonColumns.labels(t.labels()),
        t.usesLeft().isPresent() ? t.usesLeft().getAsInt() : null,
        t.expiresAt().orElse(null),
        t.createdAt(),
        t.revoked(),
        t.description());
  }

  @Override
  public List<TokenRecord> list() {
    return jdbc.query(
        "list tokens",
        "SELECT " + COLUMNS + " FROM bootstrap_tokens ORDER BY created_at, id",
        JdbcTokens::row);
  }

  @Override
  public Optional<TokenRecord> get(String id) {
    return jdbc.queryOne(
        "get token " + id,
        "SELECT " + COLUMNS + " FROM bootstrap_tokens WHERE id = ?",
        JdbcTokens::row,
        id);
  }

  @Override
  public boolean revoke(String id) {
    return jdbc.update(
            "revoke token " + id, "UPDATE bootstrap_tokens SET revoked = 1 WHERE id = ?", id)
        > 0;
  }

  @Override
  public Redemption redeem(String id, String secretHash, Instant now) {
    return jdbc.tx(
        "redeem token " + id,
        c -> {
          List<TokenRecord> found =
              Jdbc.query(
                  c,
                  "SELECT " + COLUMNS + " FROM bootstrap_tokens WHERE id = ?",
                  JdbcTokens::row,
                  id);
          if (found.isEmpty() || !sameHash(found.get(0).secretHash(), secretHash)) {
            return new Redemption.Refused("token_invalid", "the bootstrap token is not valid");
          }
          TokenRecord t = found.get(0);
          if (t.revoked()) {
            return new Redemption.Refused(
                "token_revoked", "bootstrap token " + id + " was revoked");
          }
          if (t.expiresAt().isPresent() && !now.isBefore(t.expiresAt().get())) {
            return new Redemption.Refused(
                "token_expired", "bootstrap token " + id + " expired at " + t.expiresAt().get());
          }
          int updated =
              Jdbc.update(
                  c,
                  "UPDATE bootstrap_tokens SET uses_left = uses_left - 1"
                      + " WHERE id = ? AND (uses_left IS NULL OR uses_left > 0)",
                  id);
          if (updated == 0 || (t.usesLeft().isPresent() && t.usesLeft().getAsInt() <= 0)) {
            return new Redemption.Refused(
                "token_used_up", "bootstrap token " + id + " has no uses left");
          }
          return new Redemption.Accepted(t);
        });
  }

  @Override
  public void insertAdmin(AdminTokenRecord t) {
    jdbc.update(
        "create admin token " + t.id(),
        "INSERT INTO admin_tokens (id, secret_hash, role, created_at, revoked, description)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        t.id(),
        t.secretHash(),
        t.role().name(),
        t.createdAt(),
        t.revoked(),
        t.description());
  }

  @Override
  public Optional<AdminTokenRecord> adminById(String id) {
    return jdbc.queryOne(
        "get admin token " + id,
        "SELECT " + ADMIN_COLUMNS + " FROM admin_tokens WHERE id = ?",
        JdbcTokens::adminRow,
        id);
  }

  @Override
  public List<AdminTokenRecord> listAdmin() {
    return jdbc.query(
        "list admin tokens",
        "SELECT " + ADMIN_COLUMNS + " FROM admin_tokens ORDER BY created_at, id",
        JdbcTokens::adminRow);
  }

  @Override
  public boolean revokeAdmin(String id) {
    return jdbc.update(
            "revoke admin token " + id, "UPDATE admin_tokens SET revoked = 1 WHERE id = ?", id)
        > 0;
  }

  private static AdminTokenRecord adminRow(ResultSet rs) throws SQLException {
    return new AdminTokenRecord(
        rs.getString("id"),
        rs.getString("secret_hash"),
        AdminTokenRecord.Role.valueOf(rs.getString("role")),
        Jdbc.instant(rs, "created_at"),
        rs.getInt("revoked") != 0,
        rs.getString("description"));
  }

  private static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(), b.getBytes());
  }

  private static TokenRecord row(ResultSet rs) throws SQLException {
    int uses = rs.getInt("uses_left");
    OptionalInt usesLeft = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(uses);
    return new TokenRecord(
        rs.getString("id"),
        rs.getString("secret_hash"),
        JsonColumns.labels(rs.getString("labels")),
        usesLeft,
        Optional.ofNullable(Jdbc.instant(rs, "expires_at")),
        Jdbc.instant(rs, "created_at"),
        rs.getInt("revoked") != 0,
        rs.getString("description"));
  }
}
