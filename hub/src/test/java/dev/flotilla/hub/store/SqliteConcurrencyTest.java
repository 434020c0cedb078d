package dev.flotilla.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers and readers at once on SQLite: writers queue, none fails with SQLITE_BUSY. */
class SqliteConcurrencyTest {
  @TempDir Path dir;

  @Test
  void concurrentWritersAndReadersAllSucceed() throws Exception {
    ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
    try (HubStore store = JdbcHubStore.open("jdbc:sqlite:" + dir.resolve("f.db"), clock)) {
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        int n = t;
        futures.add(
            pool.submit(
                () -> {
                  Instant now = clock.instant();
                  ClusterId id = ClusterId.random();
                  store
                      .clusters()
                      .insert(
                          new ClusterRecord(
                              id,
                              "c-" + n,
                              Labels.EMPTY,
                              Facts.UNKNOWN,
                              now,
                              now,
                              false,
                              "1",
                              now,
                              "",
                              0,
                              0));
                  for (int i = 1; i <= 20; i++) {
                    store.clusters().touch(id, now.plusSeconds(i));
                    store
                        .statuses()
                        .record(
                            id, new StatusReport(i, null, List.of(), List.of(), List.of()), now);
                    store.clusters().list();
                    store.desired().get(id);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertThat(store.clusters().list()).hasSize(64);
    }
  }
}
