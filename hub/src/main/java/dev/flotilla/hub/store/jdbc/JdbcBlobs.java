package dev.flotilla.hub.store.jdbc;

import dev.flotilla.hub.store.BlobStore;
import dev.flotilla.model.Digest;
import java.time.Clock;
import java.util.Optional;

final class JdbcBlobs implements BlobStore {
  private final Jdbc jdbc;
  private final Clock clock;

  JdbcBlobs(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public boolean put(Digest digest, byte[] gzipped, long size) {
    return jdbc.update(
            "store blob " + digest.shortHex(),
            "INSERT INTO blobs (digest, content, size, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (digest) DO NOTHING",
            digest.hex(),
            gzipped,
            size,
            clock.instant())
        > 0;
  }

  @Override
  public Optional<byte[]> gzipped(Digest digest) {
    return jdbc.queryOne(
        "read blob " + digest.shortHex(),
        "SELECT content FROM blobs WHERE digest = ?",
        rs -> rs.getBytes("content"),
        digest.hex());
  }

  @Override
  public boolean has(Digest digest) {
    return jdbc.queryOne(
            "look up blob " + digest.shortHex(),
            "SELECT 1 FROM blobs WHERE digest = ?",
            rs -> 1,
            digest.hex())
        .isPresent();
  }
}
