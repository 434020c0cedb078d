package dev.flotilla.hub.ha;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader lease on PostgreSQL: a session-level advisory lock keyed by the database and schema,
 * held on a dedicated connection. Every {@code interval} a follower tries to take it and the leader
 * checks that its session still holds it; any failure of that connection is a lost lease. When the
 * leader's process dies, its session ends and PostgreSQL releases the lock at once; a follower
 * takes it at its next try.
 */
public final class PostgresLease implements LeaderLease {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresLease.class);

  /** The advisory lock's first key: "FLOT" in ASCII. */
  static final int LOCK_CLASS = 0x464C4F54;

  private static final String KEY = "hashtext(current_database() || '/' || current_schema())";

  private final String jdbcUrl;
  private final Duration interval;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("leader-lease").daemon().unstarted(r));
  private Connection connection;
  private volatile boolean leader;
  private volatile Listener listener;

  public PostgresLease(String jdbcUrl, Duration interval) {
    this.jdbcUrl = jdbcUrl;
    this.interval = interval;
  }

  @Override
  public void start(Listener l) {
    listener = l;
    thread.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean isLeader() {
    return leader;
  }

  private void tick() {
    try {
      if (connection == null) {
        connection = PgConnections.open(jdbcUrl, "flotilla-lease", interval.plusSeconds(10));
      }
      if (!leader) {
        if (query("SELECT pg_try_advisory_lock(?, " + KEY + ")")) {
          leader = true;
          LOG.info("this hub is now the leader (advisory lock taken)");
          listener.gained();
        }
      } else if (!query(
          "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
              + " AND pid = pg_backend_pid() AND classid::int = ? AND objid::int = "
              + KEY
              + ")")) {
        throw new SQLException("the advisory lock is no longer held by this session");
      }
    } catch (SQLException | RuntimeException e) {
      PgConnections.closeQuietly(connection);
      connection = null;
      if (leader) {
        leader = false;
        String why = "lease connection failed: " + e.getMessage();
        LOG.warn("this hub is no longer the leader: {}", why);
        listener.lost(why);
      } else {
        LOG.debug("cannot try the leader lease: {}", e.getMessage());
      }
    }
  }

  private boolean query(String sql) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setInt(1, LOCK_CLASS);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean was = leader;
    leader = false;
    PgConnections.closeQuietly(connection);
    connection = null;
    if (was && listener != null) {
      listener.lost("the hub is stopping");
    }
  }
}
