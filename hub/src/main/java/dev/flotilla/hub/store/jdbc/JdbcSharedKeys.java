package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.SharedKeyStore;
import java.time.Clock;
import java.util.Optional;

final class JdbcSharedKeys implements SharedKeyStore {
  private final Jdbc jdbc;
  private final Clock clock;

  JdbcSharedKeys(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Optional<byte[]> get(String name) {
    return jdbc.queryOne(
        "read shared key " + name,
        "SELECT content FROM shared_keys WHERE name = ?",
        rs -> rs.getBytes("content"),
        name);
  }

  @Override
  public boolean putIfAbsent(String name, byte[] content) {
    return jdbc.update(
            "store shared key " + name,
            "INSERT INTO shared_keys (name, content, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO NOTHING",
            name,
            content,
            clock.instant())
        > 0;
  }
}
