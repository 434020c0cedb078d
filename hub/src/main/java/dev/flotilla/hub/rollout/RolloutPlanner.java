package dev.flotilla.hub.rollout;

import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.hub.rollout.StageOrder.Stages;
import dev.flotilla.hub.rollout.Tally.Standing;
import dev.flotilla.hub.store.RolloutEventRecord;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.RolloutPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides a rollout's next step (pure: rollout, policy, clusters and time in; plan out).
 *
 * <ul>
 *   <li>Failures past the threshold roll the rollout back ({@code rollback: auto}, when there is a
 *       previous revision) or pause it.
 *   <li>A stage passes when none of its reachable clusters, nor an earlier stage's, is waiting or
 *       updating; the rollout is complete when the last stage passes.
 *   <li>Clusters of passed and current stages move in order while fewer than {@code maxUnavailable}
 *       reachable clusters are updating; offline ones wait until they are back.
 *   <li>A cluster that moved stays on the revision unless the rollout rolls back; a rolled-back
 *       rollout sends every cluster back to the previous revision.
 * </ul>
 *
 * {@code evaluate} is false while the clusters' states may predate the rollout's own decisions (its
 * first round, or the first after a hub restart): the plan then decides who moves but changes no
 * phase or stage.
 */
public final class RolloutPlanner {
  /** How many failed or queued clusters a progress report names. */
  public static final int LISTED = 20;

  static final String ACTOR = "controller";

  private RolloutPlanner() {}

  public static RolloutPlan plan(
      RolloutRecord rollout,
      RolloutPolicy policy,
      List<ClusterState> clusters,
      boolean evaluate,
      Instant now) {
    Stages stages = StageOrder.of(rollout.bundle(), policy, clusters);
    Tally tally = new Tally(clusters, policy, now);
    Map<ClusterId, ClusterState> byId =
        clusters.stream().collect(Collectors.toMap(ClusterState::id, Function.identity()));
    List<RolloutEventRecord> events = new ArrayList<>();
    Phase phase = rollout.phase();
    int stage = Math.min(rollout.stage(), stages.count() - 1);
    String reason = rollout.reason();
    int failed = tally.count(Standing.FAILED);
    int limit = policy.failureThreshold().of(tally.reached);

    if (evaluate && phase.open() && failed - rollout.acceptedFailures() > limit) {
      String failures = failures(stages, tally, byId, failed, limit);
      if (policy.rollback() == RolloutPolicy.Rollback.AUTO
          && !rollout.previousRevision().isEmpty()) {
        phase = Phase.ROLLING_BACK;
        reason = "rolled back automatically: " + failures;
        events.add(event(rollout, now, "RollingBack", stage, reason));
      } else if (phase == Phase.PROGRESSING) {
        phase = Phase.PAUSED;
        reason =
            "paused: "
                + failures
                + (policy.rollback() == RolloutPolicy.Rollback.AUTO
                    ? " (no previous revision to roll back to)"
                    : " (rollback: manual)");
        events.add(event(rollout, now, "Paused", stage, reason));
      }
    }
    if (evaluate && phase == Phase.PROGRESSING) {
      while (passed(stages, tally, stage)) {
        if (stage + 1 >= stages.count()) {
          phase = Phase.COMPLETE;
          reason = completed(tally);
          events.add(event(rollout, now, "Completed", stage, reason));
          break;
        }
        events.add(
            event(rollout, now, "StageAdvanced", stage + 1, passedText(stages, tally, stage)));
        stage++;
      }
    }
    if (evaluate && phase == Phase.ROLLING_BACK && backEverywhere(clusters)) {
      phase = Phase.ROLLED_BACK;
      String done =
          "every reachable cluster runs revision "
              + shortRev(rollout.previousRevision())
              + " again";
      events.add(event(rollout, now, "RolledBack", stage, done));
      reason = reason.isEmpty() ? done : reason;
    }

    RolloutRecord next = rollout.with(phase, stage, rollout.acceptedFailures(), reason);
    Decisions d = Decisions.of(next, policy, stages, tally, byId);
    RolloutProgress progress =
        progress(next, stages, tally, byId, policy, limit + rollout.acceptedFailures(), d.gate());
    return new RolloutPlan(next, d.decisions(), d.fallback(), progress, events);
  }

  /** Whether stage {@code k} and every earlier one hold no reachable cluster still to move. */
  static boolean passed(Stages stages, Tally tally, int k) {
    for (ClusterId id : stages.order()) {
      if (stages.of(id) <= k && !tally.of(id).done()) {
        return false;
      }
    }
    return true;
  }

  /** Every reachable cluster is off the revision and settled on what it now runs. */
  private static boolean backEverywhere(List<ClusterState> clusters) {
    return clusters.stream()
        .filter(ClusterState::online)
        .allMatch(c -> c.position() == Position.WAITING && c.settled());
  }

  private static String failures(
      Stages stages, Tally tally, Map<ClusterId, ClusterState> byId, int failed, int limit) {
    List<String> named = new ArrayList<>();
    for (ClusterId id : stages.order()) {
      String why = tally.why.get(id);
      if (why != null) {
        named.add(byId.get(id).name() + ": " + why);
      }
    }
    String list = String.join("; ", named.subList(0, Math.min(3, named.size())));
    return failed
        + " cluster(s) failed, more than the failure threshold allows ("
        + limit
        + "): "
        + list
        + (named.size() > 3 ? "; and " + (named.size() - 3) + " more" : "");
  }

  private static String passedText(Stages stages, Tally tally, int k) {
    int healthy = 0, unchanged = 0, failed = 0, queued = 0;
    for (ClusterId id : stages.order()) {
      if (stages.of(id) == k) {
        switch (tally.of(id)) {
          case HEALTHY -> healthy++;
          case UNCHANGED -> unchanged++;
          case FAILED -> failed++;
          case QUEUED -> queued++;
          default -> {}
        }
      }
    }
    return "stage %d/%d (%s) passed: %d healthy, %d unchanged, %d failed, %d queued offline"
        .formatted(
            k + 1, stages.count(), stages.names().get(k), healthy, unchanged, failed, queued);
  }

  private static String completed(Tally tally) {
    if (tally.standing.isEmpty()) {
      return "complete: no cluster is targeted yet; clusters that join get the revision at once";
    }
    if (tally.standing.isEmpty()) {
      return "complete: no cluster is targeted yet; clusters that join get the revision at once";
    }
    int moved = tally.count(Standing.HEALTHY) + tally.count(Standing.FAILED);
    if (moved == 0 && tally.count(Standing.QUEUED) == 0) {
      return "complete: the revision changes no cluster's content";
    }
    int queued = tally.count(Standing.QUEUED);
    return "complete: every stage passed; %d healthy, %d unchanged, %d failed%s"
        .formatted(
            tally.count(Standing.HEALTHY),
            tally.count(Standing.UNCHANGED),
            tally.count(Standing.FAILED),
            queued == 0 ? "" : ", " + queued + " offline (they converge when they are back)");
  }

  private static RolloutProgress progress(
      RolloutRecord next,
      Stages stages,
      Tally tally,
      Map<ClusterId, ClusterState> byId,
      RolloutPolicy policy,
      int failureLimit,
      String gate) {
    List<RolloutProgress.Problem> problems = new ArrayList<>();
    for (ClusterId id : stages.order()) {
      String why = tally.why.get(id);
      if (why != null && problems.size() < LISTED) {
        problems.add(new RolloutProgress.Problem(byId.get(id).name(), why));
      }
    }
    List<String> queued = new ArrayList<>();
    for (ClusterId id : stages.order()) {
      if (tally.of(id) == Standing.QUEUED && queued.size() < LISTED) {
        queued.add(byId.get(id).name());
      }
    }
    return new RolloutProgress(
        next.stage(),
        stages.names(),
        byId.size(),
        tally.count(Standing.HEALTHY),
        tally.count(Standing.UNCHANGED),
        tally.count(Standing.UPDATING),
        tally.count(Standing.FAILED),
        tally.count(Standing.WAITING),
        tally.count(Standing.QUEUED),
        Math.max(1, policy.maxUnavailable().of(tally.reachable)),
        failureLimit,
        problems,
        queued,
        gate);
  }

  static RolloutEventRecord event(
      RolloutRecord r, Instant now, String type, int stage, String message) {
    return new RolloutEventRecord(r.id(), r.bundle(), now, type, stage, ACTOR, message);
  }

  static String shortRev(String revision) {
    return revision.length() > 7 ? revision.substring(0, 7) : revision;
  }
}
