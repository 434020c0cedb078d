package dev.flotilla.agent.sync;

import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.cache.Sealer;
import dev.flotilla.model.Digest;
import dev.flotilla.model.KubeObject;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.blob.ManifestParser;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A bundle's objects from the local store, checked on every read: the file must open (AES-GCM) and
 * hash to the digest the signed document names, and parse. Anything else is {@link Discarded} (the
 * file is gone, the hub will send it again), never applied.
 */
final class LocalManifests {
  private final LocalStore store;

  LocalManifests(LocalStore store) {
    this.store = store;
  }

  /** What reading a bundle's manifests came to. */
  sealed interface Loaded {
    Digest digest();

    record Objects(Digest digest, List<KubeObject> objects) implements Loaded {}

    /** Not fetched yet. */
    record Missing(Digest digest) implements Loaded {}

    /** Failed a check and deleted; {@code reason} says which. */
    record Discarded(Digest digest, String reason) implements Loaded {}
  }

  Loaded load(DesiredBundle bundle) throws IOException {
    Digest digest = Digest.parse(bundle.digest());
    try {
      Optional<byte[]> blob = store.blob(digest);
      if (blob.isEmpty()) {
        return new Loaded.Missing(digest);
      }
      return new Loaded.Objects(digest, ManifestParser.parse(digest, blob.get()));
    } catch (Sealer.Corrupt | ManifestParser.BlobRejected e) {
      store.deleteBlob(digest);
      return new Loaded.Discarded(digest, e.getMessage());
    }
  }
}
