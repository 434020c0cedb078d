package dev.flotilla.hub.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flotilla.hub.store.AuditLog;
import dev.flotilla.hub.store.BlobStore;
import dev.flotilla.hub.store.BundleStore;
import dev.flotilla.hub.store.ClusterStore;
import dev.flotilla.hub.store.DesiredStore;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.RolloutStore;
import dev.flotilla.hub.store.SharedKeyStore;
import dev.flotilla.hub.store.SourceStore;
import dev.flotilla.hub.store.StatusStore;
import dev.flotilla.hub.store.StoreException;
import dev.flotilla.hub.store.TokenStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens SQLite or PostgreSQL from a JDBC URL, migrates the schema, and hands out the per-concern
 * stores. SQLite runs in WAL mode with immediate write transactions, so readers never block and
 * writers queue instead of failing with SQLITE_BUSY.
 */
public final class JdbcHubStore implements HubStore {
  private final HikariDataSource dataSource;
  private final String kind;
  private final ClusterStore clusters;
  private final TokenStore tokens;
  private final SourceStore sources;
  private final BundleStore bundles;
  private final BlobStore blobs;
  private final DesiredStore desired;
  private final StatusStore statuses;
  private final RolloutStore rollouts;
  private final AuditLog audit;
  private final SharedKeyStore sharedKeys;
  private final String jdbcUrl;

  private JdbcHubStore(HikariDataSource dataSource, String kind, String jdbcUrl, Clock clock) {
    this.dataSource = dataSource;
    this.jdbcUrl = jdbcUrl;
    this.kind = kind;
    // SQLite has one writer at a time anyway; PostgreSQL's row locks need no help
    Lock writers = kind.equals("sqlite") ? new ReentrantLock(true) : null;
    Jdbc jdbc = new Jdbc(dataSource, writers);
    this.clusters = new JdbcClusters(jdbc);
    this.tokens = new JdbcTokens(jdbc);
    this.sources = new JdbcSources(jdbc);
    this.bundles = new JdbcBundles(jdbc);
    this.blobs = new JdbcBlobs(jdbc, clock);
    this.desired = new JdbcDesired(jdbc);
    this.statuses = new JdbcStatuses(jdbc);
    this.rollouts = new JdbcRollouts(jdbc);
    this.audit = new JdbcAudit(jdbc);
    this.sharedKeys = new JdbcSharedKeys(jdbc, clock);
  }

  /**
   * Opens the database at {@code jdbcUrl} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…})
   * and migrates it to the current schema.
   */
  public static JdbcHubStore open(String jdbcUrl, Clock clock) {
    HikariConfig config = new HikariConfig();
    String kind;
    Map<String, String> placeholders;
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      kind = "sqlite";
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      sqlite.setBusyTimeout(30_000);
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      SQLiteDataSource ds = new SQLiteDataSource(sqlite);
      ds.setUrl(jdbcUrl);
      config.setDataSource(ds);
      // Opened together at start: a connection opened under write load could meet SQLITE_BUSY
      // while setting its pragmas, before its busy timeout applies.
      config.setMaximumPoolSize(4);
      config.setMinimumIdle(4);
      placeholders = Map.of("blob", "BLOB", "serial", "INTEGER PRIMARY KEY AUTOINCREMENT");
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      kind = "postgresql";
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(16);
      placeholders = Map.of("blob", "BYTEA", "serial", "BIGSERIAL PRIMARY KEY");
    } else {
      throw new IllegalArgumentException(
          "unsupported database URL '"
              + jdbcUrl
              + "': use jdbc:sqlite:FILE (the default) or jdbc:postgresql://HOST:PORT/DB");
    }
    config.setPoolName("flotilla-" + kind);
    config.setConnectionTimeout(30_000);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot open database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure(JdbcHubStore.class.getClassLoader())
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .placeholders(placeholders)
          // each line of work owns a range of versions (V11-V19 came after V30): apply any missing
          .outOfOrder(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException(
          "cannot migrate database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new JdbcHubStore(dataSource, kind, jdbcUrl, clock);
  }

  private static String redact(String url) {
    return url.replaceAll("password=[^&;]*", "password=****");
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage();
  }

  @Override
  public ClusterStore clusters() {
    return clusters;
  }

  @Override
  public TokenStore tokens() {
    return tokens;
  }

  @Override
  public SourceStore sources() {
    return sources;
  }

  @Override
  public BundleStore bundles() {
    return bundles;
  }

  @Override
  public BlobStore blobs() {
    return blobs;
  }

  @Override
  public DesiredStore desired() {
    return desired;
  }

  @Override
  public StatusStore statuses() {
    return statuses;
  }

  @Override
  public RolloutStore rollouts() {
    return rollouts;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public SharedKeyStore sharedKeys() {
    return sharedKeys;
  }

  /** The URL the store was opened with: replicas open dedicated connections with it. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
