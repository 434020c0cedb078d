package dev.flotilla.hub.ha;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Dedicated PostgreSQL connections for the lease and the bus, outside the pool: a lease lives and
 * dies with its session, so it must not be shared or recycled. Keepalives make a dead peer show up
 * in seconds on both ends.
 */
final class PgConnections {
  private PgConnections() {}

  static Connection open(String jdbcUrl, String applicationName, Duration socketTimeout)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("ApplicationName", applicationName);
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
    Connection c = DriverManager.getConnection(jdbcUrl, p);
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("SET tcp_keepalives_idle = 5");
      s.execute("SET tcp_keepalives_interval = 2");
      s.execute("SET tcp_keepalives_count = 3");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The schema the URL's connections use: replicas of one fleet share it, tests each get one. */
  static String schema(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_schema()")) {
      rs.next();
      String schema = rs.getString(1);
      return schema == null ? "public" : schema;
    }
  }

  static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // the connection is being dropped because it failed; nothing more to do
    }
  }
}
