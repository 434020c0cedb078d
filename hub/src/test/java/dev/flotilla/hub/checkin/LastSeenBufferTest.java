package dev.flotilla.hub.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastSeenBufferTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  HubStore store;
  LastSeenBuffer buffer;
  ClusterId id = ClusterId.random();
  Instant registered;

  @BeforeEach
  void open() {
    store = JdbcHubStore.open("jdbc:sqlite:" + dir.resolve("flotilla.db"), clock);
    registered = clock.instant();
    store
        .clusters()
        .insert(
            new ClusterRecord(
                id,
                "edge-1",
                Labels.of(),
                Facts.UNKNOWN,
                registered,
                registered,
                false,
                "1",
                registered.plusSeconds(3600),
                "",
                0,
                0));
    buffer = new LastSeenBuffer(store.clusters());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Instant stored() {
    return store.clusters().get(id).orElseThrow().lastSeen();
  }

  @Test
  void aCheckInIsNotWrittenUntilTheFlush() {
    clock.advance(Duration.ofMinutes(5));
    buffer.seen(id, clock.instant());
    buffer.seen(id, clock.instant());

    assertThat(stored()).isEqualTo(registered);
    assertThat(buffer.pending(id)).isEqualTo(clock.instant());

    assertThat(buffer.flush()).isEqualTo(1);
    assertThat(stored()).isEqualTo(clock.instant());
    assertThat(buffer.size()).isZero();
    assertThat(buffer.flush()).isZero();
  }

  @Test
  void keepsTheNewestContactAndNeverMovesLastSeenBack() {
    Instant later = registered.plusSeconds(60);
    buffer.seen(id, later);
    buffer.seen(id, registered.plusSeconds(30));
    buffer.flush();
    assertThat(stored()).isEqualTo(later);

    buffer.seen(id, registered.plusSeconds(10));
    buffer.flush();
    assertThat(stored()).isEqualTo(later);
  }

  @Test
  void aClusterThatIsNotRegisteredDoesNotFailTheFlushOfOthers() {
    buffer.seen(ClusterId.random(), registered.plusSeconds(5));
    buffer.seen(id, registered.plusSeconds(5));
    assertThat(buffer.flush()).isEqualTo(2);
    assertThat(stored()).isEqualTo(registered.plusSeconds(5));
  }
}
