package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import javax.sql.DataSource;

/**
 * Transactions and statements over a pooled data source; every statement and result set is closed
 * (SQLite turns a leaked statement into SQLITE_BUSY for writers).
 */
final class Jdbc {
  private final DataSource dataSource;
  private final Lock writers;

  /**
   * @param writers held around every write transaction; for SQLite a real lock, so writers queue in
   *     Java (virtual threads park) instead of in SQLite's busy handler, which sleeps in native
   *     code and pins its carrier thread: two pinned waiters on a 2-core machine starve the thread
   *     that holds the database lock until the busy timeout
   */
  Jdbc(DataSource dataSource, Lock writers) {
    this.dataSource = dataSource;
    this.writers = writers;
  }

  /** Work inside one transaction, committed when {@code work} returns. */
  <T> T tx(String what, Work<T> work) {
    if (writers == null) {
      return txLocked(what, work);
    }
    writers.lock();
    try {
      return txLocked(what, work);
    } finally {
      writers.unlock();
    }
  }

  private <T> T txLocked(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          // the transaction never began (BEGIN itself failed): report the original error
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  void txVoid(String what, VoidWork work) {
    tx(
        what,
        c -> {
          work.run(c);
          return null;
        });
  }

  /**
   * A single read in autocommit mode: on SQLite it is its own read transaction and never takes the
   * write lock (write transactions begin IMMEDIATE), so reads do not queue behind writers.
   */
  <T> List<T> query(String what, String sql, RowMapper<T> mapper, Object... args) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      return query(c, sql, mapper, args);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  <T> Optional<T> queryOne(String what, String sql, RowMapper<T> mapper, Object... args) {
    List<T> rows = query(what, sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  int update(String what, String sql, Object... args) {
    return tx(what, c -> update(c, sql, args));
  }

  static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /** One statement run for every row of {@code rows}, as a JDBC batch. */
  static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Object[] row : rows) {
        bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof Instant t) {
        ps.setLong(i + 1, t.toEpochMilli());
      } else if (a instanceof Boolean b) {
        ps.setInt(i + 1, b ? 1 : 0);
      } else if (a instanceof byte[] bytes) {
        ps.setBytes(i + 1, bytes);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, a.toString());
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  /** Work in a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Work in a transaction with no result. */
  @FunctionalInterface
  interface VoidWork {
    void run(Connection c) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
