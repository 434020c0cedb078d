package dev.flotilla.hub.rollout;

import dev.flotilla.hub.admin.FleetStatus;
import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.distribute.BundleSnapshot;
import dev.flotilla.hub.distribute.RolloutChanges;
import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.RolloutPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every bundle's rollout: each {@link #step} (on the fleet loop, so only on the hub that
 * leads) starts a rollout when a bundle's revision changed, plans each rollout ({@link
 * RolloutPlanner}), persists its phase, progress and history, marks complete revisions settled in
 * the catalog, and keeps the decisions that {@link #decide} gives the cluster planner.
 */
public final class RolloutController implements RolloutGate {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutController.class);

  /** Rollouts kept per bundle; older ones and their events are deleted. */
  static final int KEEP = 50;

  /**
   * How often a finished rollout (complete, rolled back) is planned again. Its decisions do not
   * depend on the clusters' states, only its counts do (offline clusters converging later).
   */
  static final Duration FINISHED_RECOUNT = Duration.ofSeconds(30);

  private final HubStore store;
  private final BundleCatalog catalog;
  private final Duration offlineAfter;
  private final Clock clock;
  private final Map<String, Planned> plans = new ConcurrentHashMap<>();
  private final Map<ClusterId, Instant> onlineSince = new HashMap<>();

  /**
   * The latest plan of a bundle's rollout; {@code published} once a distribution followed the round
   * that made it, so the assignments reflect its decisions.
   */
  private record Planned(
      RolloutRecord rollout, RolloutPlan plan, boolean published, Instant plannedAt) {}

  public RolloutController(
      HubStore store, BundleCatalog catalog, Duration offlineAfter, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.offlineAfter = offlineAfter;
    this.clock = clock;
  }

  /**
   * One round over every bundle; returns which clusters' decisions changed (or were never
   * distributed), so the caller plans those again and the next round sees assignments made with
   * these decisions.
   */
  public RolloutChanges changes() {
    return round(true);
  }

  /**
   * Plans every bundle from the store without expecting a distribution to follow (at start, so the
   * gate knows rolled-back revisions before anything is distributed).
   */
  public void prime() {
    round(false);
  }

  private synchronized RolloutChanges round(boolean publish) {
    Instant now = clock.instant();
    // read only when a bundle is planned this round: a finished rollout between recounts, or a
    // hub with no bundles, does not read the whole fleet every round
    Supplier<List<ClusterRecord>> clusters = memoized(() -> clustersNow(now));
    Map<String, RolloutRecord> latest =
        store.rollouts().latestOfEach().stream()
            .collect(Collectors.toMap(RolloutRecord::bundle, Function.identity()));
    RolloutChanges changed = RolloutChanges.NONE;
    Set<String> seen = new HashSet<>();
    for (BundleCatalog.Entry e : catalog.usable()) {
      String name = e.spec().name();
      seen.add(name);
      try {
        changed = changed.plus(stepBundle(e, latest.get(name), clusters, now, publish));
      } catch (RuntimeException ex) {
        LOG.error("rollout of bundle {} failed this round; will retry", name, ex);
      }
    }
    for (String name : latest.keySet()) {
      if (!seen.contains(name) && store.bundles().get(name).isEmpty()) {
        store.rollouts().removeBundle(name); // the bundle is gone from its source
      }
    }
    plans.keySet().retainAll(seen);
    return changed;
  }

  /** Every cluster, and who is online since when (kept across rounds). */
  private List<ClusterRecord> clustersNow(Instant now) {
    List<ClusterRecord> clusters = store.clusters().list();
    FleetStatus fleet = new FleetStatus(clusters, List.of(), List.of(), now, offlineAfter);
    for (ClusterRecord c : clusters) {
      if (fleet.online(c)) {
        onlineSince.putIfAbsent(c.id(), now);
      } else {
        onlineSince.remove(c.id());
      }
    }
    return clusters;
  }

  private static <T> Supplier<T> memoized(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  private RolloutChanges stepBundle(
      BundleCatalog.Entry e,
      RolloutRecord current,
      Supplier<List<ClusterRecord>> clusters,
      Instant now,
      boolean publish) {
    String name = e.spec().name();
    String revision = e.revision().id();
    if (current == null || !current.revision().equals(revision)) {
      current = RolloutStart.start(store, catalog, e, current, now, KEEP);
      LOG.info("bundle {}: {}", name, current.reason());
    }
    Planned before = plans.get(name);
    if (before != null
        && before.published()
        && current.phase().finished()
        && before.rollout().equals(current)
        && now.isBefore(before.plannedAt().plus(FINISHED_RECOUNT))) {
      return RolloutChanges.NONE;
    }
    boolean fresh =
        before != null && before.published() && before.rollout().revision().equals(revision);
    Map<ClusterId, RolloutDecision> last = before == null ? Map.of() : before.plan().decisions();
    for (int attempt = 0; attempt < 3; attempt++) {
      RolloutPlan plan = plan(e, current, clusters.get(), fresh, last, now);
      Optional<RolloutRecord> saved = RolloutLedger.save(store, current, plan, now);
      if (saved.isEmpty()) {
        // an operator changed the rollout meanwhile: plan again from what is stored
        current = store.rollouts().latest(name).orElseThrow();
        continue;
      }
      RolloutRecord next = saved.get();
      settle(e, before, next);
      plans.put(name, new Planned(next, plan, publish, now));
      if (before == null
          || !before.published()
          || !before.rollout().revision().equals(revision)
          || !before.plan().fallback().equals(plan.fallback())) {
        return RolloutChanges.ALL;
      }
      return new RolloutChanges.Some(changed(before.plan().decisions(), plan.decisions()));
    }
    LOG.warn("bundle {}: the rollout kept changing under the controller; next round", name);
    return RolloutChanges.NONE;
  }

  private RolloutPlan plan(
      BundleCatalog.Entry e,
      RolloutRecord rollout,
      List<ClusterRecord> clusters,
      boolean fresh,
      Map<ClusterId, RolloutDecision> last,
      Instant now) {
    String name = e.spec().name();
    List<Assignment> assignments = store.desired().assignmentsOf(name);
    FleetStatus status =
        new FleetStatus(clusters, assignments, store.statuses().ofBundle(name), now, offlineAfter);
    Map<ClusterId, Assignment> byCluster =
        assignments.stream().collect(Collectors.toMap(Assignment::cluster, Function.identity()));
    Set<String> moved = movedRevisions(rollout);
    List<ClusterState> states =
        ClusterStates.of(e.spec(), clusters, byCluster, status, moved, fresh, last, onlineSince);
    return RolloutPlanner.plan(rollout, e.spec().rollout(), states, fresh, now);
  }

  /** Clusters whose decision differs between two plans (or that only one of them decides). */
  private static Set<ClusterId> changed(
      Map<ClusterId, RolloutDecision> before, Map<ClusterId, RolloutDecision> after) {
    Set<ClusterId> out = new HashSet<>();
    after.forEach(
        (id, d) -> {
          if (!d.equals(before.get(id))) {
            out.add(id);
          }
        });
    before
        .keySet()
        .forEach(
            id -> {
              if (!after.containsKey(id)) {
                out.add(id);
              }
            });
    return out;
  }

  /** The rollout's revision and those of the rollouts since the bundle's last complete one. */
  private Set<String> movedRevisions(RolloutRecord rollout) {
    Set<String> moved = new HashSet<>();
    moved.add(rollout.revision());
    for (RolloutRecord r : store.rollouts().history(rollout.bundle(), KEEP)) {
      if (r.phase() == Phase.COMPLETE && r.id() != rollout.id()) {
        break;
      }
      moved.add(r.revision());
    }
    return moved;
  }

  /** Completion settles the revision in the catalog; a rollback unsettles it. */
  private void settle(BundleCatalog.Entry e, Planned before, RolloutRecord next) {
    Phase was = before == null ? null : before.rollout().phase();
    boolean sameRollout = before != null && before.rollout().id() == next.id();
    if (next.phase() == Phase.COMPLETE && (!sameRollout || was != Phase.COMPLETE)) {
      catalog.setSettled(e.spec().name(), e.revision(), true);
    }
    boolean back = next.phase() == Phase.ROLLING_BACK || next.phase() == Phase.ROLLED_BACK;
    boolean wasBack = was == Phase.ROLLING_BACK || was == Phase.ROLLED_BACK;
    if (back && (!sameRollout || !wasBack)) {
      catalog.setSettled(e.spec().name(), e.revision(), false);
    }
  }

  @Override
  public RolloutDecision decide(BundleSnapshot bundle, ClusterId cluster) {
    Planned p = plans.get(bundle.name());
    if (p != null && p.rollout().revision().equals(bundle.revision().id())) {
      return p.plan().decisionFor(cluster);
    }
    if (p == null && allAtOnce(bundle.spec().rollout())) {
      return RolloutDecision.NEWEST;
    }
    return new RolloutDecision.Wait(
        "the rollout of revision " + bundle.revision().shortId() + " has not started yet");
  }

  @Override
  public boolean allows(String bundle, ClusterId cluster, String revision) {
    Planned p = plans.get(bundle);
    return p != null
        && p.rollout().revision().equals(revision)
        && p.plan().decisionFor(cluster) instanceof RolloutDecision.Newest;
  }

  /** Nothing holds such a rollout back: one stage of everyone, no limit on updating clusters. */
  private static boolean allAtOnce(RolloutPolicy policy) {
    return policy.stages().equals(RolloutPolicy.ALL_AT_ONCE.stages())
        && policy.maxUnavailable().isPercent()
        && policy.maxUnavailable().value() == 100;
  }
}
