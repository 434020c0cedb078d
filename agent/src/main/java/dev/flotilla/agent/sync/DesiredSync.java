package dev.flotilla.agent.sync;

import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.cache.Sealer;
import dev.flotilla.agent.cache.StoredDesired;
import dev.flotilla.agent.hub.DesiredPoll;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.agent.status.EventTypes;
import dev.flotilla.agent.status.StatusQueue;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.json.JsonException;
import dev.flotilla.protocol.sign.DocumentVerifier;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the desired document, verifies it (signature, cluster, no older generation than the one
 * stored), fetches the blobs it names that are not stored yet, checks each blob's digest, and only
 * then stores the document: a document is never stored before everything it needs. The stored
 * document is opened and verified again on every read; one that fails is deleted, reported and
 * fetched again, never applied.
 */
public final class DesiredSync {
  private static final Logger LOG = LoggerFactory.getLogger(DesiredSync.class);

  private final Supplier<HubClient> hub;
  private final LocalStore store;
  private final DocumentVerifier verifier;
  private final String clusterId;
  private final StatusQueue status;

  public DesiredSync(
      Supplier<HubClient> hub,
      LocalStore store,
      DocumentVerifier verifier,
      String clusterId,
      StatusQueue status) {
    this.hub = hub;
    this.store = store;
    this.verifier = verifier;
    this.clusterId = clusterId;
    this.status = status;
  }

  /** What a pull did. */
  public sealed interface Outcome {
    Duration nextPoll();

    /** A new document is stored and ready to apply. */
    record Updated(DesiredDocument document, int blobsFetched, Duration nextPoll)
        implements Outcome {}

    /** The hub has nothing new. */
    record Unchanged(Duration nextPoll) implements Outcome {}
  }

  /**
   * @throws DocumentVerifier.DocumentRejected if the document fails verification (the last good one
   *     stays in place)
   */
  public Outcome pull(Duration wait) throws IOException {
    Optional<StoredDesired> current = currentVerified();
    DesiredPoll poll = hub.get().desired(current.map(StoredDesired::etag), wait);
    if (poll instanceof DesiredPoll.NotModified n) {
      return new Outcome.Unchanged(n.nextPoll());
    }
    DesiredPoll.Changed changed = (DesiredPoll.Changed) poll;
    DesiredDocument doc = verifier.verify(changed.document(), clusterId);
    if (current.isPresent()) {
      DesiredDocument old = verifier.verify(current.get().signed(), clusterId);
      if (doc.generation() < old.generation()) {
        throw new DocumentVerifier.DocumentRejected(
            "the hub sent generation "
                + doc.generation()
                + ", older than the stored generation "
                + old.generation()
                + " (a replayed document?)",
            null);
      }
      if (doc.generation() == old.generation() && changed.etag().equals(current.get().etag())) {
        return new Outcome.Unchanged(changed.nextPoll());
      }
    }
    int fetched = 0;
    Set<Digest> seen = new HashSet<>();
    for (DesiredBundle b : doc.bundles()) {
      Digest d = Digest.parse(b.digest());
      if (!seen.add(d) || store.hasBlob(d)) {
        continue;
      }
      byte[] blob = hub.get().blob(d);
      if (!Digest.of(blob).equals(d)) {
        throw new DocumentVerifier.DocumentRejected(
            "blob of bundle " + b.name() + " does not hash to " + d + " (tampered in transit?)",
            null);
      }
      store.saveBlob(d, blob);
      fetched++;
    }
    store.saveDesired(new StoredDesired(changed.document(), changed.etag()));
    store.retainBlobs(seen);
    return new Outcome.Updated(doc, fetched, changed.nextPoll());
  }

  /** Fetches blobs the stored document needs but the store lacks (deleted as corrupt, say). */
  public int repair(Set<Digest> missing) throws IOException {
    int fetched = 0;
    for (Digest d : missing) {
      byte[] blob = hub.get().blob(d);
      if (!Digest.of(blob).equals(d)) {
        throw new DocumentVerifier.DocumentRejected(
            "blob " + d + " from the hub does not hash to its digest", null);
      }
      store.saveBlob(d, blob);
      fetched++;
    }
    return fetched;
  }

  /** The stored document, verified again (it is re-read from disk). */
  public Optional<DesiredDocument> stored() throws IOException {
    return currentVerified().map(s -> verifier.verify(s.signed(), clusterId));
  }

  /**
   * The stored document if it still opens and verifies; a bad one is deleted and reported, and the
   * next poll goes without an entity tag so the hub sends the document again.
   */
  private Optional<StoredDesired> currentVerified() throws IOException {
    Optional<StoredDesired> stored;
    try {
      stored = store.desired();
    } catch (Sealer.Corrupt | JsonException e) {
      discarded(e.getMessage());
      return Optional.empty();
    }
    if (stored.isEmpty()) {
      return stored;
    }
    try {
      verifier.verify(stored.get().signed(), clusterId);
      return stored;
    } catch (DocumentVerifier.DocumentRejected e) {
      discarded("the stored desired document " + e.getMessage());
      return Optional.empty();
    }
  }

  private void discarded(String why) throws IOException {
    store.deleteDesired();
    status.event("", EventTypes.CACHE_CORRUPT, why + "; discarded, fetching it again");
    LOG.error("{}; discarded, the last applied state stays until the hub sends it again", why);
  }
}
