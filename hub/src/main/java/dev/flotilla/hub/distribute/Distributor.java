package dev.flotilla.hub.distribute;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.DesiredRecord;
import dev.flotilla.hub.store.DesiredStore;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.model.Digest;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.sign.DocumentSigner;
import dev.flotilla.render.ManifestSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each cluster's stored desired state up to date with the bundles: plans the cluster, stores
 * new blobs, and signs and saves a new document (waking its long-poll) only when the document's
 * content changed.
 */
public final class Distributor {
  private static final Logger LOG = LoggerFactory.getLogger(Distributor.class);

  /**
   * Hex digits of the body's sha256 in the ETag: 80 bits tell one cluster's documents apart with
   * room to spare, and every check-in carries the ETag twice (docs/performance.md).
   */
  static final int ETAG_HEX = 20;

  private final HubStore store;
  private final ClusterPlanner planner;
  private final DocumentSigner signer;
  private final DesiredWatch watch;
  private final Clock clock;
  private final Set<Digest> storedBlobs =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
                  return size() > 100_000;
                }
              }));

  public Distributor(
      HubStore store,
      ClusterPlanner planner,
      DocumentSigner signer,
      DesiredWatch watch,
      Clock clock) {
    this.store = store;
    this.planner = planner;
    this.signer = signer;
    this.watch = watch;
    this.clock = clock;
  }

  /** Every cluster that is not revoked; returns how many documents changed. */
  public int distributeAll(List<BundleSnapshot> bundles) {
    int changed = 0;
    for (ClusterRecord c : store.clusters().list()) {
      if (!c.revoked() && distribute(c, bundles)) {
        changed++;
      }
    }
    return changed;
  }

  /** One cluster; returns whether its desired document changed. */
  public boolean distribute(ClusterRecord cluster, List<BundleSnapshot> bundles) {
    Map<String, Assignment> current =
        store.desired().assignments(cluster.id()).stream()
            .collect(Collectors.toMap(Assignment::bundle, Function.identity()));
    ClusterPlan plan = planner.plan(cluster, bundles, current);
    plan.rendered().forEach(this::storeBlob);
    Optional<DesiredRecord> existing = store.desired().get(cluster.id());
    Optional<DesiredDocument> existingDoc = existing.map(Distributor::decode);
    boolean docChanged =
        existingDoc.isEmpty() || !existingDoc.get().bundles().equals(plan.document());
    boolean assignmentsChanged = !sameAssignments(current, plan.assignments());
    if (!docChanged && !assignmentsChanged) {
      return false;
    }
    Optional<DesiredRecord> newDoc = Optional.empty();
    if (docChanged) {
      long generation = existing.map(d -> d.generation() + 1).orElse(1L);
      newDoc = Optional.of(sign(cluster, generation, plan.document()));
    }
    try {
      store.desired().save(cluster.id(), plan.assignments(), newDoc);
    } catch (DesiredStore.StaleGeneration e) {
      LOG.warn("{}", e.getMessage());
      return false;
    }
    if (docChanged) {
      watch.changed(cluster.id());
    }
    return docChanged;
  }

  private DesiredRecord sign(ClusterRecord cluster, long generation, List<DesiredBundle> bundles) {
    DesiredDocument doc =
        new DesiredDocument(cluster.id().value(), generation, clock.instant(), bundles);
    SignedDocument signed = signer.sign(doc);
    byte[] body = Json.write(signed);
    String etag = Digest.of(body).hex().substring(0, ETAG_HEX);
    return new DesiredRecord(cluster.id(), generation, etag, body, clock.instant());
  }

  private void storeBlob(ManifestSet manifests) {
    if (storedBlobs.contains(manifests.digest())) {
      return;
    }
    if (!store.blobs().has(manifests.digest())) {
      byte[] raw = manifests.bytes();
      store.blobs().put(manifests.digest(), gzip(raw), raw.length);
    }
    storedBlobs.add(manifests.digest());
  }

  static DesiredDocument decode(DesiredRecord record) {
    SignedDocument signed =
        Json.read(record.document(), SignedDocument.class, "stored desired document");
    return Json.read(
        Base64.getDecoder().decode(signed.payload()),
        DesiredDocument.class,
        "stored desired document");
  }

  private static boolean sameAssignments(Map<String, Assignment> current, List<Assignment> next) {
    if (current.size() != next.size()) {
      return false;
    }
    for (Assignment n : next) {
      Assignment c = current.get(n.bundle());
      if (c == null
          || !c.revision().equals(n.revision())
          || !c.digest().equals(n.digest())
          || c.state() != n.state()
          || !c.message().equals(n.message())) {
        return false;
      }
    }
    return true;
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new IllegalStateException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }
}
