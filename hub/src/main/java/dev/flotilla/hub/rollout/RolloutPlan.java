package dev.flotilla.hub.rollout;

import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.store.RolloutEventRecord;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.model.ClusterId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the planner decided for one rollout: its next state, the revision each cluster should run,
 * the counts, and what happened (for the history).
 *
 * @param next the rollout's new phase, stage and reason (its progress is the caller's to store)
 * @param decisions what each cluster should run; only those whose decision differs from {@code
 *     fallback} are kept, so a finished rollout over a million clusters holds no map of them
 * @param fallback the decision for a cluster the plan does not name (one that joined since, or one
 *     whose decision it is)
 */
public record RolloutPlan(
    RolloutRecord next,
    Map<ClusterId, RolloutDecision> decisions,
    RolloutDecision fallback,
    RolloutProgress progress,
    List<RolloutEventRecord> events) {
  public RolloutPlan {
    RolloutDecision common = fallback;
    decisions =
        decisions.entrySet().stream()
            .filter(d -> !d.getValue().equals(common))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    events = List.copyOf(events);
  }

  public RolloutDecision decisionFor(ClusterId cluster) {
    return decisions.getOrDefault(cluster, fallback);
  }
}
