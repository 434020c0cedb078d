package dev.flotilla.hub;

import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.bundle.BundleScanner;
import dev.flotilla.hub.bundle.ScannedBundle;
import dev.flotilla.hub.distribute.BundleSnapshot;
import dev.flotilla.hub.distribute.Distributor;
import dev.flotilla.hub.distribute.RolloutChanges;
import dev.flotilla.hub.source.FetchResult;
import dev.flotilla.hub.source.GitSource;
import dev.flotilla.hub.source.TreeExporter;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.SourceRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Revision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that changes desired state: it polls sources, rescans bundles when a source moved,
 * and redistributes all clusters or one. Serialising this work means two changes never race to
 * write one cluster's document. With several hub replicas only the leader's loop is active ({@link
 * #activate}); an inactive loop ignores requests, so a replica that lost the lease stops writing.
 */
public final class FleetLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetLoop.class);

  private final HubStore store;
  private final BundleScanner scanner;
  private final BundleCatalog catalog;
  private final Distributor distributor;
  private final SourceCheckouts checkouts;
  private final BundleSnapshots snapshots;
  private final Duration pollInterval;
  private final Clock clock;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("fleet-loop").daemon().unstarted(r));
  private volatile boolean active;
  private ScheduledFuture<?> polling;
  private ScheduledFuture<?> rolloutRounds;
  private Supplier<RolloutChanges> rollouts = () -> RolloutChanges.NONE;
  private Duration rolloutInterval = Duration.ZERO;
  private Runnable primeRollouts = () -> {};

  public FleetLoop(
      HubStore store,
      BundleScanner scanner,
      BundleCatalog catalog,
      Distributor distributor,
      Path sourcesDir,
      Duration pollInterval,
      Clock clock) {
    this.store = store;
    this.scanner = scanner;
    this.catalog = catalog;
    this.distributor = distributor;
    this.checkouts = new SourceCheckouts(sourcesDir);
    this.snapshots = new BundleSnapshots(catalog, checkouts);
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /** Starts the loop on a single hub: active at once, polling every interval. */
  public void start() {
    activate();
  }

  /**
   * The rollout controller's hook (call before {@link #start} or {@link #activate}): {@code step}
   * runs on this loop every {@code interval} and before every distribution to all clusters, and
   * returns which clusters its decisions changed for; those are planned again (after a periodic
   * round: only those). Like all work of this loop it runs only while the loop is active (on the
   * hub that leads).
   */
  public void useRollouts(Supplier<RolloutChanges> step, Duration interval) {
    this.rollouts = step;
    this.rolloutInterval = interval;
  }

  /**
   * Like {@link #useRollouts(Supplier, Duration)}, and {@code prime} (the controller reading its
   * rollouts from the store) runs on this loop each time it becomes active, before anything is
   * planned: not at hub start, so a hub with a large fleet serves at once.
   */
  public void useRollouts(Supplier<RolloutChanges> step, Runnable prime, Duration interval) {
    useRollouts(step, interval);
    this.primeRollouts = prime;
  }

  /**
   * Becomes the active loop (the hub holds the leader lease): fetches every source, rescans and
   * redistributes every cluster at once (catching up on what happened while another replica led or
   * none did; the rollout step runs first), then polls every interval.
   */
  public synchronized void activate() {
    if (active) {
      return;
    }
    active = true;
    executor.execute(
        () -> {
          try {
            primeRollouts.run();
          } catch (RuntimeException e) {
            LOG.error("reading the rollouts failed; the next rollout round retries", e);
          }
          pollSafely(null, true);
        });
    polling =
        executor.scheduleWithFixedDelay(
            () -> pollSafely(null, false),
            pollInterval.toMillis(),
            pollInterval.toMillis(),
            TimeUnit.MILLISECONDS);
    if (!rolloutInterval.isZero()) {
      rolloutRounds =
          executor.scheduleWithFixedDelay(
              this::rolloutRound,
              rolloutInterval.toMillis(),
              rolloutInterval.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  /** Stops changing desired state (the lease was lost); queued work is skipped. */
  public synchronized void deactivate() {
    active = false;
    for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {polling, rolloutRounds}) {
      if (f != null) {
        f.cancel(false);
      }
    }
    polling = null;
    rolloutRounds = null;
  }

  public boolean active() {
    return active;
  }

  private void rolloutRound() {
    if (!active) {
      return;
    }
    try {
      int docs =
          switch (rollouts.get()) {
            case RolloutChanges.All a -> distributor.distributeAll(snapshots());
            case RolloutChanges.Some some when some.clusters().isEmpty() -> 0;
            case RolloutChanges.Some some -> distributeOnly(some.clusters());
          };
      if (docs > 0) {
        LOG.debug("rollout decisions changed: {} cluster document(s) changed", docs);
      }
    } catch (RuntimeException e) {
      LOG.error("rollout round failed; will retry in {}", rolloutInterval, e);
    }
  }

  private int distributeOnly(Set<ClusterId> clusters) {
    List<BundleSnapshot> bundles = snapshots();
    int docs = 0;
    for (ClusterId id : clusters) {
      Optional<ClusterRecord> c = store.clusters().get(id).filter(r -> !r.revoked());
      if (c.isPresent() && distributor.distribute(c.get(), bundles)) {
        docs++;
      }
    }
    return docs;
  }

  /** Fetches every source now (a webhook, or a test); completes when done. */
  public CompletableFuture<Void> pollNow() {
    return CompletableFuture.runAsync(() -> pollSafely(null, false), executor);
  }

  /** Fetches the named sources now (a webhook for them); completes when done. */
  public CompletableFuture<Void> pollNow(Collection<String> sources) {
    Set<String> names = Set.copyOf(sources);
    return CompletableFuture.runAsync(() -> pollSafely(names, false), executor);
  }

  /** Recomputes one cluster's desired state (registration, labels or facts changed). */
  public CompletableFuture<Boolean> distribute(ClusterId cluster) {
    return CompletableFuture.supplyAsync(
        () ->
            active
                && store
                    .clusters()
                    .get(cluster)
                    .filter(c -> !c.revoked())
                    .map(c -> distributor.distribute(c, snapshots()))
                    .orElse(false),
        executor);
  }

  /** Recomputes every cluster (a rollout decision changed, for instance). */
  public CompletableFuture<Integer> distributeAll() {
    return CompletableFuture.supplyAsync(
        () -> {
          if (!active) {
            return 0;
          }
          rollouts.get();
          return distributor.distributeAll(snapshots());
        },
        executor);
  }

  /**
   * @param only the sources to fetch; null for all
   * @param force redistribute every cluster even if no source moved
   */
  private void pollSafely(Set<String> only, boolean force) {
    if (!active) {
      return;
    }
    try {
      boolean changed = force;
      for (SourceRecord s : store.sources().list()) {
        if (only == null || only.contains(s.name())) {
          changed |= poll(s);
        }
      }
      changed |= dropRemovedSources();
      if (changed && active) {
        rollouts.get();
        int docs = distributor.distributeAll(snapshots());
        LOG.info("desired state updated: {} cluster document(s) changed", docs);
      }
    } catch (RuntimeException e) {
      LOG.error("fleet loop iteration failed; will retry in {}", pollInterval, e);
    }
  }

  private boolean poll(SourceRecord record) {
    GitSource source;
    try {
      source = checkouts.of(record);
    } catch (IllegalArgumentException e) {
      String why = "source settings cannot be used: " + e.getMessage();
      recordFailure(record, why);
      return false;
    }
    FetchResult result = source.fetch();
    switch (result) {
      case FetchResult.Failed f -> {
        recordFailure(record, f.reason());
        return false;
      }
      case FetchResult.Fetched f -> {
        boolean moved = record.revision().map(r -> !r.equals(f.revision().id())).orElse(true);
        store.sources().fetched(record.name(), f.revision().id(), clock.instant());
        if (!moved && !f.changed()) {
          return false;
        }
        return rescan(source, f.revision());
      }
    }
  }

  private void recordFailure(SourceRecord record, String reason) {
    if (!reason.equals(record.error())) {
      LOG.warn(
          "source {}: {} (keeping revision {})",
          record.name(),
          reason,
          record.revision().orElse("none"));
    }
    store.sources().failed(record.name(), reason, clock.instant());
  }

  private boolean rescan(GitSource source, Revision revision) {
    String name = source.spec().name();
    try {
      Path tree = TreeExporter.export(source, revision);
      List<ScannedBundle> scanned = scanner.scan(tree, source.spec().path());
      BundleCatalog.Changes changes = catalog.update(name, revision, scanned);
      LOG.info(
          "source {} at {}: {} bundle(s) valid{}{}",
          name,
          revision.shortId(),
          changes.updated().size(),
          changes.failed().isEmpty() ? "" : ", invalid: " + changes.failed(),
          changes.removed().isEmpty() ? "" : ", removed: " + changes.removed());
      for (ScannedBundle b : scanned) {
        if (b instanceof ScannedBundle.Invalid i) {
          LOG.warn("bundle {}: {} (keeping its last good revision)", i.name(), i.error());
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      String why = "revision " + revision.shortId() + " cannot be read: " + e.getMessage();
      LOG.warn("source {}: {}", name, why);
      store.sources().failed(name, why, clock.instant());
      return false;
    }
  }

  /** Forgets sources that were removed, and their bundles; true if any bundle went away. */
  private boolean dropRemovedSources() {
    Set<String> configured = new HashSet<>();
    store.sources().list().forEach(s -> configured.add(s.name()));
    boolean removed = false;
    for (String name : checkouts.namesOtherThan(configured)) {
      checkouts.remove(name);
    }
    for (String name : catalog.sources()) {
      if (!configured.contains(name)) {
        List<String> bundles = catalog.removeSource(name);
        LOG.info("source {} was removed; so are its bundles {}", name, bundles);
        removed |= !bundles.isEmpty();
      }
    }
    return removed;
  }

  private List<BundleSnapshot> snapshots() {
    return snapshots.current();
  }

  @Override
  public void close() {
    deactivate();
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    distributor.close();
    checkouts.close();
  }
}
