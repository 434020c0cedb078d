package dev.flotilla.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server tests use: {@code FLOTILLA_TEST_PG} (a JDBC URL) or 127.0.0.1:5432/test as
 * user postgres. Fails loudly when it is down, because CI must run these tests, not skip them
 * ({@code .ci/run} starts it).
 */
public final class Postgres {
  private Postgres() {}

  public static String baseUrl() {
    String env = System.getenv("FLOTILLA_TEST_PG");
    return env != null && !env.isBlank()
        ? env
        : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  }

  /** Creates an empty schema and returns a URL whose connections use it. */
  public static String freshSchemaUrl() throws SQLException {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(baseUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new SQLException(
          "PostgreSQL at "
              + baseUrl()
              + " is not usable ("
              + e.getMessage()
              + "); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
          e);
    }
    return baseUrl() + (baseUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
