package dev.flotilla.hub.store;

import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the store contracts: each test gets a fresh, migrated, empty store of the kind the
 * subclass opens (SQLite or PostgreSQL), a manual clock, and a way to make cluster records.
 */
public abstract class FreshStore {
  protected final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  protected HubStore store;

  /** A fresh, migrated, empty store. */
  protected abstract HubStore open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** A registered, unrevoked cluster labelled {@code region=eu}, seen now. */
  protected ClusterRecord cluster(String name) {
    Instant now = clock.instant();
    return new ClusterRecord(
        ClusterId.random(),
        name,
        Labels.of("region", "eu"),
        Facts.UNKNOWN,
        now,
        now,
        false,
        "1",
        now.plusSeconds(3600),
        "",
        0,
        0);
  }
}
