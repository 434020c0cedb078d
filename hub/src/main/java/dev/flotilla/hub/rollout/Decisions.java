package dev.flotilla.hub.rollout;

import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.rollout.StageOrder.Stages;
import dev.flotilla.hub.rollout.Tally.Standing;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.RolloutPolicy;
import java.util.HashMap;
import java.util.Map;

/**
 * The revision every cluster should run in a rollout's phase, what a cluster not planned gets, and
 * what the current stage waits for (pure).
 */
record Decisions(Map<ClusterId, RolloutDecision> decisions, RolloutDecision fallback, String gate) {

  static Decisions of(
      RolloutRecord r,
      RolloutPolicy policy,
      Stages stages,
      Tally tally,
      Map<ClusterId, ClusterState> byId) {
    Map<ClusterId, RolloutDecision> out = new HashMap<>();
    String rev = RolloutPlanner.shortRev(r.revision());
    switch (r.phase()) {
      case COMPLETE -> {
        // every cluster gets the fallback: no map of them
        return new Decisions(Map.of(), RolloutDecision.NEWEST, "");
      }
      case ROLLING_BACK, ROLLED_BACK -> {
        RolloutDecision back =
            new RolloutDecision.Previous("revision " + rev + " was rolled back: " + r.reason());
        return new Decisions(Map.of(), back, r.reason());
      }
      case PROGRESSING -> {
        return admit(r, policy, stages, tally, byId);
      }
      default -> {
        RolloutDecision hold =
            new RolloutDecision.Wait(
                "the rollout of revision " + rev + " is " + r.phase().name().toLowerCase());
        byId.values()
            .forEach(c -> out.put(c.id(), c.position().moved() ? RolloutDecision.NEWEST : hold));
        return new Decisions(out, hold, r.reason());
      }
    }
  }

  /**
   * Clusters that moved stay; clusters of reached stages move in order while fewer than {@code
   * maxUnavailable} reachable clusters are updating. Offline clusters move when they are back,
   * unless nothing limits the rollout ({@code maxUnavailable} covers every cluster).
   */
  private static Decisions admit(
      RolloutRecord r,
      RolloutPolicy policy,
      Stages stages,
      Tally tally,
      Map<ClusterId, ClusterState> byId) {
    Map<ClusterId, RolloutDecision> out = new HashMap<>();
    String rev = RolloutPlanner.shortRev(r.revision());
    int budget = Math.max(1, policy.maxUnavailable().of(tally.reachable));
    boolean unlimited = budget >= byId.size();
    int updating = tally.count(Standing.UPDATING);
    int held = 0;
    // one decision value per reason, shared by every cluster it applies to
    RolloutDecision[] laterStage = new RolloutDecision[stages.count()];
    for (int s = r.stage() + 1; s < stages.count(); s++) {
      laterStage[s] =
          new RolloutDecision.Wait(
              "waiting for stage %d/%d (%s) of the rollout of revision %s"
                  .formatted(s + 1, stages.count(), stages.names().get(s), rev));
    }
    RolloutDecision offline =
        unlimited
            ? RolloutDecision.NEWEST
            : new RolloutDecision.Wait("offline: moves to revision " + rev + " when it is back");
    RolloutDecision noRoom =
        new RolloutDecision.Wait(
            "waiting: %d cluster(s) are updating, as many as maxUnavailable allows"
                .formatted(budget));
    for (ClusterId id : stages.order()) {
      ClusterState c = byId.get(id);
      int s = stages.of(id);
      if (c.position().moved()) {
        out.put(id, RolloutDecision.NEWEST);
      } else if (s > r.stage()) {
        out.put(id, laterStage[s]);
      } else if (!c.online()) {
        out.put(id, offline);
      } else if (updating < budget) {
        out.put(id, RolloutDecision.NEWEST);
        updating++;
      } else {
        held++;
        out.put(id, noRoom);
      }
    }
    int k = r.stage();
    String gate =
        "stage %d/%d (%s): %d updating%s"
            .formatted(
                k + 1,
                stages.count(),
                stages.names().get(k),
                updating,
                held == 0 ? "" : ", " + held + " waiting for room (maxUnavailable " + budget + ")");
    // a cluster that joined since the round: with nothing to stage (one stage of everyone, no
    // limit) it moves at once, rather than wait for the next round with nothing to run
    boolean allAtOnce =
        policy.stages().equals(RolloutPolicy.ALL_AT_ONCE.stages())
            && policy.maxUnavailable().isPercent()
            && policy.maxUnavailable().value() == 100;
    RolloutDecision joined =
        allAtOnce
            ? RolloutDecision.NEWEST
            : new RolloutDecision.Wait(
                "joined during the rollout of revision " + rev + "; placed at its next round");
    return new Decisions(out, joined, gate);
  }
}
