package dev.flotilla.hub.store;

import dev.flotilla.model.Digest;
import java.util.Optional;

/** Content-addressed rendered manifests, stored gzip-compressed, once per digest. */
public interface BlobStore {
  /** Stores the blob unless present; returns true if it was new. */
  boolean put(Digest digest, byte[] gzipped, long size);

  Optional<byte[]> gzipped(Digest digest);

  boolean has(Digest digest);
}
