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
import java.util.HashMap;
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
 * content changed. Called on the fleet loop, a page of clusters at a time: the page's reads, blobs
 * and transaction stay on that thread, while planning, signing and hashing its documents (the CPU
 * of a fleet-wide change) run on {@link PageWorkers}; the result is the same as planning the page
 * in a loop.
 */
public final class Distributor implements AutoCloseable {
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

  private final PageWorkers workers;

  /** Plans each page on as many threads as the machine has processors. */
  public Distributor(
      HubStore store,
      ClusterPlanner planner,
      DocumentSigner signer,
      DesiredWatch watch,
      Clock clock) {
    this(store, planner, signer, watch, clock, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param planThreads threads that plan, build, sign and hash a page's documents, the fleet loop
   *     included (1: the fleet loop alone, no pool); the page's reads and its transaction stay on
   *     the fleet loop
   */
  public Distributor(
      HubStore store,
      ClusterPlanner planner,
      DocumentSigner signer,
      DesiredWatch watch,
      Clock clock,
      int planThreads) {
    this.store = store;
    this.planner = planner;
    this.signer = signer;
    this.watch = watch;
    this.clock = clock;
    this.workers = new PageWorkers(planThreads);
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

  /**
   * Reads the page's stored plans (and any document stored without a content hash), drafts every
   * cluster's save on the page workers, then, on this thread and in page order, stores new blobs
   * and saves the page in one transaction. A cluster whose planning throws (outside rendering,
   * whose failures are the cluster's assignments) is logged and keeps what it has; the rest of the
   * page is saved. Planning a single cluster throws instead.
   */
  private int distributePage(List<ClusterRecord> page, List<BundleSnapshot> bundles) {
    Map<ClusterId, DesiredStore.Planned> stored =
        store.desired().plannedBetween(page.get(0).id(), page.get(page.size() - 1).id());
    // the page and the range come from the same id columns in the same collation: a cluster
    // missing from the range has nothing stored yet
    List<ClusterRecord> live = page.stream().filter(c -> !c.revoked()).toList();
    Map<ClusterId, DesiredRecord> unhashed = storedWithoutHash(live, stored);
    List<PageWorkers.Outcome<Draft>> drafts =
        workers.map(live, c -> draft(c, bundles, stored.get(c.id()), unhashed.get(c.id())));
    List<DesiredStore.Save> saves = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      Draft d;
      try {
        d = drafts.get(i).get();
      } catch (RuntimeException e) {
        if (live.size() == 1) {
          throw e; // planning one cluster: its caller hears of it
        }
        // one cluster's bug must not hold back the fleet: it keeps the document it has
        LOG.error(
            "cluster {} ({}): planning failed; it keeps its current desired state and is planned"
                + " again at the next pass",
            live.get(i).name(),
            live.get(i).id(),
            e);
        continue;
      }
      d.blobs().forEach(this::storeBlob);
      d.save().ifPresent(saves::add);
    }
    return save(saves);
  }

  /** A cluster's planned blobs to store, and what to save for it (pure but for the clock). */
  private record Draft(List<ManifestSet> blobs, Optional<DesiredStore.Save> save) {}

  /**
   * Documents stored before content hashes were (V11): read here, on the fleet loop, for the page
   * workers to compare by content.
   */
  private Map<ClusterId, DesiredRecord> storedWithoutHash(
      List<ClusterRecord> live, Map<ClusterId, DesiredStore.Planned> stored) {
    Map<ClusterId, DesiredRecord> out = new HashMap<>();
    for (ClusterRecord c : live) {
      DesiredStore.Planned p = stored.get(c.id());
      if (p != null && p.generation() != 0 && p.contentHash().isEmpty()) {
        store.desired().get(c.id()).ifPresent(d -> out.put(c.id(), d));
      }
    }
    return out;
  }

  /**
   * Plans the cluster and, if its document changed, builds, signs and hashes the new one; runs on
   * the page workers, so it reads and writes no store (the one read below it is the Secret-sealing
   * renderer's lookup of a cluster's encryption key: a pooled read, safe on any thread). The save
   * is empty if the stored plan and document are current.
   *
   * @param unhashed the stored document when it was stored without a content hash, else null
   */
  private Draft draft(
      ClusterRecord cluster,
      List<BundleSnapshot> bundles,
      DesiredStore.Planned stored,
      DesiredRecord unhashed) {
    Map<String, Assignment> current =
        stored == null
            ? Map.of()
            : stored.assignments().stream()
                .collect(Collectors.toMap(Assignment::bundle, Function.identity()));
    ClusterPlan plan = planner.plan(cluster, bundles, current);
    String hash = contentHash(plan.document());
    // generations come from the stored one alone: the same on any thread, and saveAll refuses a
    // document that is not newer than the stored one
    long generation = stored == null ? 0 : stored.generation();
    boolean docChanged = generation == 0 || !sameContent(stored, unhashed, hash, plan.document());
    boolean assignmentsChanged = !sameAssignments(current, plan.assignments());
    if (!docChanged && !assignmentsChanged) {
      return new Draft(plan.rendered(), Optional.empty());
    }
    Optional<DesiredRecord> doc =
        docChanged ? Optional.of(sign(cluster, generation + 1, plan.document())) : Optional.empty();
    return new Draft(
        plan.rendered(),
        Optional.of(new DesiredStore.Save(cluster.id(), plan.assignments(), doc, hash)));
  }

  /** Whether the stored document says {@code next}: by hash, or decoded if stored without one. */
  private static boolean sameContent(
      DesiredStore.Planned stored, DesiredRecord unhashed, String hash, List<DesiredBundle> next) {
    if (!stored.contentHash().isEmpty()) {
      return stored.contentHash().equals(hash);
    }
    return unhashed != null && decode(unhashed).bundles().equals(next);
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

  /** Stops the planning threads (after the fleet loop stopped). */
  @Override
  public void close() {
    workers.close();
  }
}
