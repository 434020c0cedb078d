package dev.flotilla.agent.apply;

import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of the apply engine: apply a bundle (then prune, then check health), remove a
 * bundle, correct drift, check health. Objects that fail are FAILED entries and the run goes on; an
 * unreachable API ends the call with {@link KubeException.Unavailable}, to be retried later (with
 * the previous inventory, which is still right: an object created before the API went away is in
 * the bundle, so the next run finds it UNCHANGED). Safe for concurrent use on different bundles.
 */
public final class BundleApplier {
  private static final Logger LOG = LoggerFactory.getLogger(BundleApplier.class);

  private final StagedApplier staged;
  private final Pruner pruner;
  private final HealthChecker healthChecker;

  public BundleApplier(KubeCluster cluster, Clock clock, Sleeper sleeper) {
    this(cluster, clock, sleeper, ApplyDurations.DEFAULT);
  }

  public BundleApplier(
      KubeCluster cluster, Clock clock, Sleeper sleeper, ApplyDurations durations) {
    this.staged =
        new StagedApplier(
            new ObjectApplier(cluster),
            new CrdWaiter(cluster, clock, sleeper, durations),
            durations);
    this.pruner = new Pruner(cluster);
    this.healthChecker = new HealthChecker(cluster);
  }

  /**
   * Applies {@code objects} as bundle {@code bundle}, prunes what {@code previous} lists and they
   * do not (unless {@code options.prune()} is false), and checks health.
   */
  public BundleResult apply(
      String bundle, List<KubeObject> objects, BundleOptions options, Inventory previous) {
    BundleLabels.requireValidBundleName(bundle);
    List<ObjectOutcome> outcomes = staged.apply(bundle, objects, options);
    ChangeSet applied = new ChangeSet(outcomes.stream().map(ObjectOutcome::entry).toList());
    List<ObjectRef> stale =
        previous.missingFrom(outcomes.stream().map(ObjectOutcome::ref).toList());
    ChangeSet pruned = options.prune() ? pruner.prune(bundle, stale) : Pruner.skipAll(stale);
    Inventory next = nextInventory(outcomes, previous, pruned);
    BundleHealth health = health(next, outcomes);
    ChangeSet changes = applied.plus(pruned);
    log(bundle, "applied", changes);
    return new BundleResult(changes, next, health);
  }

  /** Deletes what the bundle applied (its inventory), with the same care as pruning. */
  public ChangeSet remove(String bundle, Inventory inventory) {
    BundleLabels.requireValidBundleName(bundle);
    ChangeSet removed = pruner.prune(bundle, inventory.entries());
    log(bundle, "removed", removed);
    return removed;
  }

  /**
   * Finds the objects of the bundle that were deleted or changed behind Flotilla's back and applies
   * them again. Fields an interactive edit took over ({@code kubectl edit}, {@code scale}, {@code
   * patch} …) are taken back; a field a controller took over only with {@code
   * options.forceConflicts()}, otherwise the drift is reported as not restored.
   */
  public DriftReport correctDrift(String bundle, List<KubeObject> objects, BundleOptions options) {
    BundleLabels.requireValidBundleName(bundle);
    List<ObjectOutcome> outcomes = staged.apply(bundle, objects, options);
    List<DriftReport.Drift> drifts = new ArrayList<>();
    for (ObjectOutcome o : outcomes) {
      if (o.drifted()) {
        drifts.add(
            new DriftReport.Drift(
                o.ref(),
                o.existed() ? DriftReport.Drift.Kind.MODIFIED : DriftReport.Drift.Kind.MISSING,
                o.differences(),
                o.succeeded(),
                o.succeeded() ? reclaimNote(o) : o.entry().message()));
      }
    }
    DriftReport report =
        new DriftReport(
            drifts, new ChangeSet(outcomes.stream().map(ObjectOutcome::entry).toList()));
    if (report.drifted()) {
      LOG.info("bundle {}: drift: {}", bundle, report.drifts());
    }
    return report;
  }

  private static String reclaimNote(ObjectOutcome o) {
    return o.reclaimedFrom().isEmpty()
        ? ""
        : "taken back from " + String.join(", ", o.reclaimedFrom());
  }

  /** The health of what {@code inventory} lists, read now. */
  public BundleHealth health(Inventory inventory) {
    return healthChecker.check(inventory.entries());
  }

  /**
   * What the bundle owns after a run: what applied, plus what failed but was owned before (so it is
   * neither forgotten nor pruned), plus what failed to be pruned (to try again).
   */
  private static Inventory nextInventory(
      List<ObjectOutcome> outcomes, Inventory previous, ChangeSet pruned) {
    List<ObjectRef> refs = new ArrayList<>();
    for (ObjectOutcome o : outcomes) {
      if (o.succeeded() || previous.contains(o.ref())) {
        refs.add(o.ref());
      }
    }
    pruned.failed().forEach(e -> refs.add(e.ref()));
    return Inventory.of(refs);
  }

  private BundleHealth health(Inventory inventory, List<ObjectOutcome> outcomes) {
    Map<ObjectRef, ObjectHealth> byRef = new LinkedHashMap<>();
    List<ObjectRef> toRead = new ArrayList<>();
    for (ObjectOutcome o : outcomes) {
      if (!o.succeeded()) {
        byRef.put(o.ref(), ObjectHealth.failed(o.ref(), o.entry().message()));
      } else {
        byRef.put(o.ref(), null);
        toRead.add(o.ref());
      }
    }
    inventory.entries().stream()
        .filter(r -> !byRef.containsKey(r))
        .forEach(
            r -> {
              byRef.put(r, null);
              toRead.add(r);
            });
    for (ObjectHealth h : healthChecker.check(toRead).objects()) {
      byRef.put(h.ref(), h);
    }
    return BundleHealth.of(List.copyOf(byRef.values()));
  }

  private static void log(String bundle, String what, ChangeSet changes) {
    // the caller reports the summary; failures are worth a line each here
    LOG.debug("bundle {} {}: {}", bundle, what, changes.summary());
    changes.failed().forEach(e -> LOG.warn("bundle {}: {}", bundle, e));
  }
}
