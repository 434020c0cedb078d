package dev.flotilla.hub.rollout;

import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.distribute.BundleSnapshot;
import dev.flotilla.hub.distribute.RolloutChanges;
import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.RolloutPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
   * How often a finished rollout (complete, rolled back) is planned again, at least. Its decisions
   * do not depend on the clusters' states, only its counts do (offline clusters converging later).
   */
  static final Duration FINISHED_RECOUNT = Duration.ofSeconds(30);

  /** A round slower than this is logged, with the cadence it sets. */
  private static final Duration SLOW_PASS = Duration.ofSeconds(5);

  private final HubStore store;
  private final BundleCatalog catalog;
  private final Duration offlineAfter;
  private final Clock clock;
  private final Map<String, Planned> plans = new ConcurrentHashMap<>();
  private final Map<ClusterId, Instant> onlineSince = new HashMap<>();
  private final int pageSize;

  /**
   * How long the last round's pass over the fleet and its plans took: large fleets are planned less
   * often.
   */
  private Duration lastPass = Duration.ZERO;

  /**
   * The latest plan of a bundle's rollout; {@code published} once a distribution followed the round
   * that made it, so the assignments reflect its decisions.
   */
  private record Planned(
      RolloutRecord rollout, RolloutPlan plan, boolean published, Instant plannedAt) {}

  public RolloutController(
      HubStore store, BundleCatalog catalog, Duration offlineAfter, Clock clock) {
    this(store, catalog, offlineAfter, clock, FleetScan.PAGE);
  }

  /**
   * With the number of clusters read per query when the controller passes over the fleet (tests use
   * small pages so that every rollout scenario crosses page boundaries).
   */
  public RolloutController(
      HubStore store, BundleCatalog catalog, Duration offlineAfter, Clock clock, int pageSize) {
    this.store = store;
    this.catalog = catalog;
    this.offlineAfter = offlineAfter;
    this.clock = clock;
    this.pageSize = pageSize;
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
    Map<String, RolloutRecord> latest =
        store.rollouts().latestOfEach().stream()
            .collect(Collectors.toMap(RolloutRecord::bundle, Function.identity()));
    List<Due> due = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (BundleCatalog.Entry e : catalog.usable()) {
      String name = e.spec().name();
      seen.add(name);
      try {
        dueNow(e, latest.get(name), now).ifPresent(due::add);
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
    if (due.isEmpty()) {
      return RolloutChanges.NONE;
    }
    // one pass over the fleet for every bundle planned this round
    long started = System.nanoTime();
    Map<String, List<ClusterState>> states;
    try {
      states = scan(due.stream().map(Due::target).toList(), now);
    } catch (RuntimeException ex) {
      LOG.error("reading the fleet for this rollout round failed; will retry", ex);
      return RolloutChanges.NONE;
    }
    RolloutChanges changed = RolloutChanges.NONE;
    for (Due d : due) {
      String name = d.entry().spec().name();
      try {
        changed = changed.plus(planBundle(d, states.get(name), now, publish));
      } catch (RuntimeException ex) {
        LOG.error("rollout of bundle {} failed this round; will retry", name, ex);
      }
    }
    lastPass = Duration.ofNanos(System.nanoTime() - started);
    if (lastPass.compareTo(SLOW_PASS) > 0) {
      LOG.debug(
          "rollout round over the fleet took {} ms; rollouts are planned at most every {} s",
          lastPass.toMillis(),
          planEvery(false, lastPass).toSeconds());
    }
    return changed;
  }

  /** A bundle whose rollout is planned this round, with what planning it needs to know first. */
  private record Due(
      BundleCatalog.Entry entry, RolloutRecord rollout, Planned before, FleetScan.Target target) {}

  /**
   * Starts a rollout when the bundle's revision changed; the bundle is due unless its rollout was
   * planned lately enough: a finished one is recounted every {@link #FINISHED_RECOUNT}, an open one
   * every round, but neither more often than the fleet pass allows ({@link #planEvery}) so that a
   * large fleet leaves the loop time for its other work.
   */
  private Optional<Due> dueNow(BundleCatalog.Entry e, RolloutRecord current, Instant now) {
    String name = e.spec().name();
    String revision = e.revision().id();
    if (current == null || !current.revision().equals(revision)) {
      current = RolloutStart.start(store, catalog, e, current, now, KEEP);
      LOG.info("bundle {}: {}", name, current.reason());
    }
    Planned before = plans.get(name);
    if (before != null && before.published() && before.rollout().equals(current)) {
      Duration every = planEvery(current.phase().finished(), lastPass);
      if (now.isBefore(before.plannedAt().plus(every))) {
        return Optional.empty();
      }
    }
    return Optional.of(new Due(e, current, before, target(e, current, before)));
  }

  private FleetScan.Target target(BundleCatalog.Entry e, RolloutRecord rollout, Planned before) {
    boolean fresh =
        before != null
            && before.published()
            && before.rollout().revision().equals(e.revision().id());
    Function<ClusterId, RolloutDecision> last =
        before == null ? id -> null : before.plan()::decisionFor;
    return new FleetScan.Target(e.spec(), movedRevisions(rollout), fresh, last);
  }

  /**
   * How often a rollout is planned again, given how long a pass over the fleet takes: a finished
   * one every {@link #FINISHED_RECOUNT} but 20 passes apart at least (a recount is only for its
   * counts); an open one every round, but two passes apart at least. At a million clusters a pass
   * takes tens of seconds; this keeps the fleet loop free for commits and new clusters most of the
   * time.
   */
  static Duration planEvery(boolean finished, Duration lastPass) {
    if (!finished) {
      return lastPass.multipliedBy(2);
    }
    Duration scaled = lastPass.multipliedBy(20);
    return scaled.compareTo(FINISHED_RECOUNT) > 0 ? scaled : FINISHED_RECOUNT;
  }

  private Map<String, List<ClusterState>> scan(List<FleetScan.Target> targets, Instant now) {
    return FleetScan.states(store, targets, now, offlineAfter, onlineSince, pageSize);
  }

  private RolloutChanges planBundle(
      Due due, List<ClusterState> states, Instant now, boolean publish) {
    BundleCatalog.Entry e = due.entry();
    String name = e.spec().name();
    String revision = e.revision().id();
    Planned before = due.before();
    RolloutRecord current = due.rollout();
    FleetScan.Target target = due.target();
    for (int attempt = 0; attempt < 3; attempt++) {
      RolloutPlan plan =
          RolloutPlanner.plan(current, e.spec().rollout(), states, target.fresh(), now);
      Optional<RolloutRecord> saved = RolloutLedger.save(store, current, plan, now);
      if (saved.isEmpty()) {
        // an operator changed the rollout meanwhile: plan again from what is stored
        current = store.rollouts().latest(name).orElseThrow();
        target = target(e, current, before);
        states = scan(List.of(target), now).get(name);
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
