package dev.flotilla.hub.ha;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica bus on PostgreSQL LISTEN/NOTIFY, on a channel named after the schema (so fleets and
 * test schemas in one database do not hear each other). One dedicated connection listens, another
 * publishes. When the listening connection fails it is re-opened and the subscriber hears {@link
 * Signal.Missed}. The listening session's application name is the channel, so operators can tell
 * fleets apart in {@code pg_stat_activity}.
 */
public final class PostgresBus implements ReplicaBus {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresBus.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final String jdbcUrl;
  private final String channel;
  private volatile boolean running = true;
  private Thread listener;
  private Connection publisher;

  private PostgresBus(String jdbcUrl, String channel) {
    this.jdbcUrl = jdbcUrl;
    this.channel = channel;
  }

  /** Finds the fleet's channel; fails if the database cannot be reached. */
  public static PostgresBus open(String jdbcUrl) throws SQLException {
    try (Connection c = PgConnections.open(jdbcUrl, "flotilla-bus", Duration.ofSeconds(10))) {
      return new PostgresBus(jdbcUrl, channelFor(PgConnections.schema(c)));
    }
  }

  static String channelFor(String schema) {
    String s = "flotilla_" + schema.toLowerCase().replaceAll("[^a-z0-9_]", "_");
    return s.length() > 63 ? s.substring(0, 63) : s;
  }

  @Override
  public void start(Consumer<Signal> subscriber) {
    listener = Thread.ofPlatform().name("replica-bus").daemon().start(() -> listen(subscriber));
  }

  private void listen(Consumer<Signal> subscriber) {
    Connection c = null;
    boolean first = true;
    long lastCheck = System.nanoTime();
    while (running) {
      try {
        if (c == null) {
          c = PgConnections.open(jdbcUrl, channel, Duration.ofSeconds(30));
          try (Statement s = c.createStatement()) {
            s.execute("LISTEN \"" + channel + "\"");
          }
          if (!first) {
            LOG.info("replica bus reconnected; long-polls re-check their documents");
            subscriber.accept(new Signal.Missed());
          }
          first = false;
        }
        PGNotification[] got = c.unwrap(PGConnection.class).getNotifications(1000);
        if (got != null) {
          for (PGNotification n : got) {
            Optional<Signal> signal = Signal.decode(n.getParameter());
            signal.ifPresent(subscriber);
          }
        }
        if (System.nanoTime() - lastCheck > Duration.ofSeconds(5).toNanos()) {
          lastCheck = System.nanoTime();
          try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn("replica bus connection failed ({}); reconnecting", e.getMessage());
        PgConnections.closeQuietly(c);
        c = null;
        try {
          Thread.sleep(RETRY);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    PgConnections.closeQuietly(c);
  }

  @Override
  public synchronized void publish(Signal signal) {
    String payload = Signal.encode(signal);
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        if (publisher == null) {
          publisher = PgConnections.open(jdbcUrl, "flotilla-bus-publish", Duration.ofSeconds(10));
        }
        try (PreparedStatement ps = publisher.prepareStatement("SELECT pg_notify(?, ?)")) {
          ps.setString(1, channel);
          ps.setString(2, payload);
          ps.execute();
        }
        return;
      } catch (SQLException e) {
        PgConnections.closeQuietly(publisher);
        publisher = null;
        if (attempt == 2) {
          LOG.warn("cannot publish {} to the other replicas: {}", payload, e.getMessage());
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    if (listener != null) {
      listener.interrupt();
      try {
        listener.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      PgConnections.closeQuietly(publisher);
      publisher = null;
    }
  }
}
