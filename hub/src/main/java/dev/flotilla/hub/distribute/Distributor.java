package dev.flotilla.hub.distribute;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.DesiredRecord;
import dev.flotilla.hub.store.DesiredStore;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.model.ClusterId;
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
import java.util.ArrayList;
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

  /** Clusters planned together: read in two range queries, saved in one transaction. */
  static final int PAGE = 500;

  /**
   * Every cluster that is not revoked, a page at a time (the fleet is never held in memory at
   * once); returns how many documents changed. A cluster whose plan is what it has costs no write.
   */
  public int distributeAll(List<BundleSnapshot> bundles) {
    int changed = 0;
    ClusterId after = null;
    while (true) {
      List<ClusterRecord> page = store.clusters().page(after, PAGE);
      if (page.isEmpty()) {
        return changed;
      }
      after = page.get(page.size() - 1).id();
      changed += distributePage(page, bundles);
    }
  }

  /** One cluster; returns whether its desired document changed. */
  public boolean distribute(ClusterRecord cluster, List<BundleSnapshot> bundles) {
    return distributePage(List.of(cluster), bundles) == 1;
  }

  private int distributePage(List<ClusterRecord> page, List<BundleSnapshot> bundles) {
    Map<ClusterId, DesiredStore.Planned> stored =
        store.desired().plannedBetween(page.get(0).id(), page.get(page.size() - 1).id());
    List<DesiredStore.Save> saves = new ArrayList<>();
    for (ClusterRecord c : page) {
      if (!c.revoked()) {
        // the page and the range come from the same id columns in the same collation: a cluster
        // missing from the range has nothing stored yet
        plan(c, bundles, stored.get(c.id())).ifPresent(saves::add);
      }
    }
    return save(saves);
  }

  /** What to save for the cluster; empty if its stored plan and document are current. */
  private Optional<DesiredStore.Save> plan(
      ClusterRecord cluster, List<BundleSnapshot> bundles, DesiredStore.Planned stored) {
    Map<String, Assignment> current =
        stored == null
            ? Map.of()
            : stored.assignments().stream()
                .collect(Collectors.toMap(Assignment::bundle, Function.identity()));
    ClusterPlan plan = planner.plan(cluster, bundles, current);
    plan.rendered().forEach(this::storeBlob);
    String hash = contentHash(plan.document());
    long generation = stored == null ? 0 : stored.generation();
    boolean docChanged = generation == 0 || !sameContent(cluster, stored, hash, plan.document());
    boolean assignmentsChanged = !sameAssignments(current, plan.assignments());
    if (!docChanged && !assignmentsChanged) {
      return Optional.empty();
    }
    Optional<DesiredRecord> doc =
        docChanged ? Optional.of(sign(cluster, generation + 1, plan.document())) : Optional.empty();
    return Optional.of(new DesiredStore.Save(cluster.id(), plan.assignments(), doc, hash));
  }

  /** Whether the stored document says {@code next}: by hash, or decoded if stored without one. */
  private boolean sameContent(
      ClusterRecord cluster, DesiredStore.Planned stored, String hash, List<DesiredBundle> next) {
    if (!stored.contentHash().isEmpty()) {
      return stored.contentHash().equals(hash);
    }
    return store
        .desired()
        .get(cluster.id())
        .map(d -> decode(d).bundles().equals(next))
        .orElse(false);
  }

  /** Saves a page in one transaction; one by one if another replica got ahead for some. */
  private int save(List<DesiredStore.Save> saves) {
    if (saves.isEmpty()) {
      return 0;
    }
    List<DesiredStore.Save> saved = saves;
    try {
      store.desired().saveAll(saves);
    } catch (DesiredStore.StaleGeneration e) {
      saved = new ArrayList<>();
      for (DesiredStore.Save s : saves) {
        try {
          store.desired().saveAll(List.of(s));
          saved.add(s);
        } catch (DesiredStore.StaleGeneration stale) {
          LOG.warn("{}", stale.getMessage());
        }
      }
    }
    int changed = 0;
    for (DesiredStore.Save s : saved) {
      if (s.document().isPresent()) {
        watch.changed(s.cluster());
        changed++;
      }
    }
    return changed;
  }

  /** A hash of what a document says (its bundles in order), stored beside it. */
  static String contentHash(List<DesiredBundle> bundles) {
    return Digest.of(Json.write(bundles)).hex().substring(0, 32);
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
