package dev.flotilla.agent.sync;

import static dev.flotilla.agent.sync.StatusMessages.counts;
import static dev.flotilla.agent.sync.StatusMessages.errorMessage;
import static dev.flotilla.agent.sync.StatusMessages.healthMessage;
import static dev.flotilla.agent.sync.StatusMessages.shortRev;
import static dev.flotilla.agent.sync.StatusMessages.truncate;

import dev.flotilla.agent.apply.BundleApplier;
import dev.flotilla.agent.apply.BundleHealth;
import dev.flotilla.agent.apply.BundleResult;
import dev.flotilla.agent.apply.ChangeSet;
import dev.flotilla.agent.apply.DriftReport;
import dev.flotilla.agent.apply.Inventory;
import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.cache.Sealer;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.status.EventTypes;
import dev.flotilla.agent.status.StatusQueue;
import dev.flotilla.model.Digest;
import dev.flotilla.model.KubeObject;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.BundleStatus.ChangeCounts;
import dev.flotilla.protocol.BundleStatus.Health;
import dev.flotilla.protocol.BundleStatus.SyncState;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.seal.SecretCipher;
import dev.flotilla.protocol.seal.SecretObjects;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster match a desired document using only the local store: each bundle in order
 * (waiting for its dependencies to be ready), its inventory saved after each bundle, bundles no
 * longer desired removed. Manifests that fail a check are never applied; the bundle keeps what is
 * on the cluster until the hub sends them again. Every outcome goes to the status queue, which is
 * saved before returning. Idempotent.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final BundleApplier applier;
  private final LocalStore store;
  private final LocalManifests manifests;
  private final StatusQueue status;
  private final Clock clock;

  /** For agents without Secret keys: a sealed Secret cannot be opened and is refused. */
  public static final UnaryOperator<List<KubeObject>> NO_SECRETS =
      objects -> {
        for (KubeObject o : objects) {
          if (o.annotations().containsKey(SecretObjects.ANNOTATION)) {
            throw new SecretCipher.Rejected(
                "Secret "
                    + o.name()
                    + " is sealed, but this agent has no Secret key; re-enroll it");
          }
        }
        return objects;
      };

  private final UnaryOperator<List<KubeObject>> unseal;

  public Reconciler(BundleApplier applier, LocalStore store, StatusQueue status, Clock clock) {
    this(applier, store, status, clock, NO_SECRETS);
  }

  /**
   * @param unseal opens sealed Secrets in memory just before apply (and drift checks); throws
   *     {@link SecretCipher.Rejected} for one that is not this cluster's
   */
  public Reconciler(
      BundleApplier applier,
      LocalStore store,
      StatusQueue status,
      Clock clock,
      UnaryOperator<List<KubeObject>> unseal) {
    this.applier = applier;
    this.store = store;
    this.manifests = new LocalManifests(store);
    this.status = status;
    this.clock = clock;
    this.unseal = unseal;
  }

  /** Where the cluster stands after a run. */
  public record Outcome(
      Set<String> failed, Set<String> progressing, Set<String> waiting, Set<Digest> missingBlobs) {
    public boolean settled() {
      return failed.isEmpty()
          && progressing.isEmpty()
          && waiting.isEmpty()
          && missingBlobs.isEmpty();
    }
  }

  public Outcome reconcile(DesiredDocument doc) throws IOException {
    Map<String, List<String>> inventories = inventories();
    Map<String, Health> health = new TreeMap<>();
    Set<String> failed = new HashSet<>();
    Set<String> progressing = new HashSet<>();
    Set<String> waiting = new HashSet<>();
    Set<Digest> missing = new HashSet<>();
    boolean apiDown = false;
    for (DesiredBundle b : doc.bundles()) {
      Optional<String> blocker =
          b.dependsOn().stream()
              .filter(d -> health.getOrDefault(d, Health.UNKNOWN) != Health.READY)
              .findFirst();
      if (blocker.isPresent()) {
        waiting.add(b.name());
        record(b, SyncState.PENDING, Health.UNKNOWN, "waiting for bundle " + blocker.get());
        continue;
      }
      LocalManifests.Loaded loaded = manifests.load(b);
      if (!(loaded instanceof LocalManifests.Loaded.Objects objects)) {
        missing.add(loaded.digest());
        notLoaded(b, loaded, failed);
        continue;
      }
      List<KubeObject> desired;
      try {
        desired = unseal.apply(objects.objects());
      } catch (SecretCipher.Rejected e) {
        failed.add(b.name());
        record(b, SyncState.FAILED, Health.UNKNOWN, e.getMessage());
        status.event(b.name(), EventTypes.SECRET_REJECTED, e.getMessage());
        continue;
      }
      Inventory previous = Inventory.fromStrings(inventories.getOrDefault(b.name(), List.of()));
      BundleResult r;
      try {
        r = applier.apply(b.name(), desired, b.options(), previous);
      } catch (KubeException.Unavailable e) {
        failed.add(b.name());
        record(b, SyncState.FAILED, Health.UNKNOWN, e.getMessage());
        status.event(b.name(), EventTypes.APPLY_FAILED, e.getMessage());
        apiDown = true;
        break;
      }
      inventories.put(b.name(), r.inventory().toStrings());
      store.saveInventories(inventories);
      Health h = StatusMessages.health(r.health());
      health.put(b.name(), h);
      applied(b, r, h);
      if (!r.errors().isEmpty() || h == Health.FAILED) {
        failed.add(b.name());
      } else if (h == Health.PROGRESSING) {
        progressing.add(b.name());
      }
    }
    if (!apiDown) {
      removeUndesired(doc, inventories, failed);
    }
    saveStatus();
    return new Outcome(failed, progressing, waiting, missing);
  }

  /** Rechecks the health of bundles that were progressing; returns those still progressing. */
  public Set<String> refreshHealth(DesiredDocument doc, Set<String> bundles) throws IOException {
    Map<String, List<String>> inventories = inventories();
    Set<String> still = new HashSet<>();
    for (DesiredBundle b : doc.bundles()) {
      if (!bundles.contains(b.name())) {
        continue;
      }
      BundleHealth h =
          applier.health(Inventory.fromStrings(inventories.getOrDefault(b.name(), List.of())));
      Health mapped = StatusMessages.health(h);
      Optional<BundleStatus> prev = status.bundleState(b.name());
      record(
          b,
          prev.map(BundleStatus::sync).orElse(SyncState.APPLIED),
          mapped,
          healthMessage(h, ChangeSet.empty()),
          prev.map(BundleStatus::changes).orElse(ChangeCounts.NONE));
      if (mapped == Health.PROGRESSING) {
        still.add(b.name());
      } else if (mapped == Health.FAILED) {
        status.event(b.name(), EventTypes.UNHEALTHY, truncate(String.join("; ", h.messages())));
      }
    }
    saveStatus();
    return still;
  }

  /**
   * Finds and restores objects changed behind Flotilla's back, in the bundles that are applied (a
   * bundle waiting for a dependency stays unapplied); returns the digests of manifests that failed
   * a check and must be fetched again.
   */
  public Set<Digest> correctDrift(DesiredDocument doc) throws IOException {
    Set<Digest> missing = new HashSet<>();
    for (DesiredBundle b : doc.bundles()) {
      boolean applied =
          status
              .bundleState(b.name())
              .filter(s -> s.sync() == SyncState.APPLIED && s.digest().equals(b.digest()))
              .isPresent();
      if (!applied) {
        continue;
      }
      LocalManifests.Loaded loaded = manifests.load(b);
      if (!(loaded instanceof LocalManifests.Loaded.Objects objects)) {
        missing.add(loaded.digest());
        notLoaded(b, loaded, new HashSet<>());
        continue;
      }
      List<KubeObject> desired;
      try {
        desired = unseal.apply(objects.objects());
      } catch (SecretCipher.Rejected e) {
        continue;
      }
      DriftReport report = applier.correctDrift(b.name(), desired, b.options());
      if (report.drifted()) {
        String details =
            report.drifts().stream().map(Object::toString).collect(Collectors.joining("; "));
        status.event(
            b.name(), EventTypes.DRIFT_CORRECTED, truncate(report.summary() + ": " + details));
        LOG.info("bundle {}: {}: {}", b.name(), report.summary(), details);
      }
    }
    saveStatus();
    return missing;
  }

  /** The stored inventories; a file that fails to open is reported and started again. */
  private Map<String, List<String>> inventories() throws IOException {
    try {
      return store.inventories();
    } catch (Sealer.Corrupt e) {
      status.event(
          "",
          EventTypes.CACHE_CORRUPT,
          e.getMessage()
              + "; discarded: objects of bundles removed before now will not be pruned"
              + " (they keep their flotilla.dev/bundle label)");
      LOG.error("{}; starting the inventory again", e.getMessage());
      return new TreeMap<>();
    }
  }

  private void notLoaded(DesiredBundle b, LocalManifests.Loaded loaded, Set<String> failed) {
    if (loaded instanceof LocalManifests.Loaded.Discarded d) {
      failed.add(b.name());
      record(
          b,
          SyncState.FAILED,
          Health.UNKNOWN,
          "local manifests discarded (" + d.reason() + "); fetching them again");
      status.event(b.name(), EventTypes.CACHE_CORRUPT, d.reason());
      LOG.error("bundle {}: {}; not applied, fetching again", b.name(), d.reason());
    } else {
      record(b, SyncState.PENDING, Health.UNKNOWN, "manifests not fetched yet");
    }
  }

  private void applied(DesiredBundle b, BundleResult r, Health h) {
    boolean ok = r.errors().isEmpty();
    String message = ok ? healthMessage(r.health(), r.changes()) : errorMessage(r.errors());
    record(b, ok ? SyncState.APPLIED : SyncState.FAILED, h, message, counts(r.changes()));
    if (!ok) {
      status.event(b.name(), EventTypes.APPLY_FAILED, truncate(message));
      LOG.warn("bundle {} at {}: {}", b.name(), shortRev(b.revision()), message);
    } else if (r.changes().wroteAnything()) {
      String summary = "revision " + shortRev(b.revision()) + ": " + r.changes().summary();
      status.event(b.name(), EventTypes.APPLIED, summary);
      LOG.info("bundle {} at {}", b.name(), summary);
    }
  }

  private void removeUndesired(
      DesiredDocument doc, Map<String, List<String>> inventories, Set<String> failed)
      throws IOException {
    Set<String> desired =
        doc.bundles().stream().map(DesiredBundle::name).collect(Collectors.toSet());
    for (String name : new ArrayList<>(inventories.keySet())) {
      if (desired.contains(name)) {
        continue;
      }
      ChangeSet cs = applier.remove(name, Inventory.fromStrings(inventories.get(name)));
      if (cs.failed().isEmpty()) {
        inventories.remove(name);
        store.saveInventories(inventories);
        status.removed(name);
        status.event(name, EventTypes.REMOVED, "bundle removed: " + cs.summary());
        LOG.info("bundle {} removed: {}", name, cs.summary());
      } else {
        failed.add(name);
        status.event(name, EventTypes.REMOVE_FAILED, truncate(errorMessage(cs.failed())));
      }
    }
  }

  private void saveStatus() throws IOException {
    if (status.unsaved()) {
      store.saveStatus(status.serialize());
    }
  }

  private void record(DesiredBundle b, SyncState sync, Health health, String message) {
    record(b, sync, health, message, ChangeCounts.NONE);
  }

  private void record(
      DesiredBundle b, SyncState sync, Health health, String message, ChangeCounts counts) {
    status.bundle(
        new BundleStatus(
            b.name(),
            b.revision(),
            b.digest(),
            sync,
            health,
            truncate(message),
            counts,
            clock.instant()));
  }
}
