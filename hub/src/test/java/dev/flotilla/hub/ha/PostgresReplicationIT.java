package dev.flotilla.hub.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.pki.CaPin;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader lease, the replica bus and the shared keys on a real PostgreSQL. */
class PostgresReplicationIT {
  static final Duration FAST = Duration.ofMillis(200);
  final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");

  /** Counts gains and losses. */
  static final class Counting implements LeaderLease.Listener {
    final AtomicInteger gained = new AtomicInteger();
    final List<String> lost = new CopyOnWriteArrayList<>();

    @Override
    public void gained() {
      gained.incrementAndGet();
    }

    @Override
    public void lost(String why) {
      lost.add(why);
    }
  }

  @Test
  void exactlyOneReplicaLeadsAndAnotherTakesOverWhenItsSessionEnds() throws Exception {
    String url = Postgres.freshSchemaUrl();
    PostgresLease a = new PostgresLease(url, FAST);
    PostgresLease b = new PostgresLease(url, FAST);
    Counting la = new Counting();
    Counting lb = new Counting();
    try {
      a.start(la);
      await().until(a::isLeader);
      b.start(lb);
      // b keeps trying every 200 ms; it must not win while a holds the lock
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !b.isLeader());

      terminate("flotilla-lease", url, a);
      await().atMost(Duration.ofSeconds(10)).until(b::isLeader);
      await().until(() -> !la.lost.isEmpty());
      assertThat(a.isLeader()).isFalse();
      assertThat(la.lost.get(0)).contains("lease connection failed");
      assertThat(lb.gained.get()).isEqualTo(1);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void leasesOfDifferentSchemasDoNotExcludeEachOther() throws Exception {
    PostgresLease a = new PostgresLease(Postgres.freshSchemaUrl(), FAST);
    PostgresLease b = new PostgresLease(Postgres.freshSchemaUrl(), FAST);
    try {
      a.start(new Counting());
      b.start(new Counting());
      await().until(() -> a.isLeader() && b.isLeader());
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void closingTheLeaderHandsTheLeaseOver() throws Exception {
    String url = Postgres.freshSchemaUrl();
    PostgresLease a = new PostgresLease(url, FAST);
    PostgresLease b = new PostgresLease(url, FAST);
    Counting la = new Counting();
    try {
      a.start(la);
      await().until(a::isLeader);
      b.start(new Counting());
      a.close();
      assertThat(la.lost).containsExactly("the hub is stopping");
      await().atMost(Duration.ofSeconds(10)).until(b::isLeader);
    } finally {
      b.close();
    }
  }

  @Test
  void everyReplicaHearsEverySignalOfItsOwnFleetOnly() throws Exception {
    String url = Postgres.freshSchemaUrl();
    PostgresBus one = PostgresBus.open(url);
    PostgresBus two = PostgresBus.open(url);
    PostgresBus stranger = PostgresBus.open(Postgres.freshSchemaUrl());
    List<Signal> heardByOne = new CopyOnWriteArrayList<>();
    List<Signal> heardByTwo = new CopyOnWriteArrayList<>();
    List<Signal> heardByStranger = new CopyOnWriteArrayList<>();
    try {
      one.start(heardByOne::add);
      two.start(heardByTwo::add);
      stranger.start(heardByStranger::add);
      ClusterId c = ClusterId.random();
      // LISTEN happens on the bus thread: publish until both listen
      await()
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                one.publish(new Signal.DesiredChanged(c));
                return heardByOne.contains(new Signal.DesiredChanged(c))
                    && heardByTwo.contains(new Signal.DesiredChanged(c));
              });
      two.publish(new Signal.Fetch("fleet"));
      await().until(() -> heardByOne.contains(new Signal.Fetch("fleet")));
      assertThat(heardByStranger).isEmpty();
    } finally {
      one.close();
      two.close();
      stranger.close();
    }
  }

  @Test
  void aBusWhoseConnectionDiesReconnectsAndSaysItMayHaveMissedSignals() throws Exception {
    String url = Postgres.freshSchemaUrl();
    PostgresBus bus = PostgresBus.open(url);
    List<Signal> heard = new CopyOnWriteArrayList<>();
    try {
      bus.start(heard::add);
      ClusterId c = ClusterId.random();
      await()
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                bus.publish(new Signal.Redistribute(c));
                return heard.contains(new Signal.Redistribute(c));
              });
      terminateBus(url);
      await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(new Signal.Missed()));
      heard.clear();
      await()
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                bus.publish(new Signal.Everything());
                return heard.contains(new Signal.Everything());
              });
    } finally {
      bus.close();
    }
  }

  @Test
  void replicasWithSeparateDataDirectoriesShareOneCaAndSigningKey(@TempDir Path dir)
      throws Exception {
    String url = Postgres.freshSchemaUrl();
    try (HubStore store = JdbcHubStore.open(url, clock)) {
      Path a = dir.resolve("a/pki");
      Path b = dir.resolve("b/pki");
      HubPki first =
          SharedPki.loadShared(
              store.sharedKeys(), a, () -> HubPki.loadOrCreate(a, List.of("hub-a"), clock));
      // b had keys of its own (say, from an earlier single-hub life): it adopts the shared ones
      HubPki.loadOrCreate(b, List.of("hub-b"), clock);
      HubPki second =
          SharedPki.loadShared(
              store.sharedKeys(), b, () -> HubPki.loadOrCreate(b, List.of("hub-b"), clock));

      assertThat(CaPin.of(second.ca())).isEqualTo(CaPin.of(first.ca()));
      assertThat(second.signingKeys().getPublic()).isEqualTo(first.signingKeys().getPublic());
      assertThat(second.serverCertificate()).isNotEqualTo(first.serverCertificate());
      second.serverCertificate().verify(first.ca().getPublicKey());
      assertThat(Files.readString(b.resolve("ca.key")))
          .isEqualTo(Files.readString(a.resolve("ca.key")));
      assertThat(Files.getPosixFilePermissions(b.resolve("ca.key")))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
  }

  /** Ends the lease's session from outside, as a dropped network connection would. */
  private static void terminate(String application, String url, PostgresLease lease)
      throws Exception {
    terminateByName(application, url);
  }

  private static void terminateBus(String url) throws Exception {
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
              + PostgresBus.channelFor(schema)
              + "'");
    }
  }

  private static void terminateByName(String application, String url) throws Exception {
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      // only sessions of this test's schema: other tests and worktrees share the server
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
              + application
              + "' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory'"
              + " AND objid::int = hashtext(current_database() || '/' || '"
              + schema
              + "'))");
    }
  }
}
