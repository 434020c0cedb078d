package dev.flotilla.hub.rollout;

import java.util.List;

/**
 * Where a rollout stands, as counted by the controller at its latest round; stored with the rollout
 * (as JSON) and shown by {@code flotilla rollout status}.
 *
 * @param stage the stage the rollout waits on (0-based)
 * @param stageNames each stage's name: its percentage, its selector's name, or {@code remaining}
 * @param healthy moved to the revision and healthy
 * @param unchanged run content the revision did not change
 * @param updating moved, not healthy yet
 * @param failed reachable clusters that failed
 * @param waiting not reached yet
 * @param queued offline, not healthy on the revision: they move or converge when they return
 * @param maxUnavailable how many reachable clusters may be updating at once
 * @param failureLimit how many failures the rollout tolerates now
 * @param failures the failed clusters and why (at most {@value RolloutPlanner#LISTED})
 * @param queuedClusters names of queued clusters (at most {@value RolloutPlanner#LISTED})
 * @param gate what the current stage waits for, in words
 */
public record RolloutProgress(
    int stage,
    List<String> stageNames,
    int targeted,
    int healthy,
    int unchanged,
    int updating,
    int failed,
    int waiting,
    int queued,
    int maxUnavailable,
    int failureLimit,
    List<Problem> failures,
    List<String> queuedClusters,
    String gate) {
  public static final RolloutProgress NONE =
      new RolloutProgress(0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), "");

  public RolloutProgress {
    stageNames = List.copyOf(stageNames == null ? List.of() : stageNames);
    failures = List.copyOf(failures == null ? List.of() : failures);
    queuedClusters = List.copyOf(queuedClusters == null ? List.of() : queuedClusters);
    gate = gate == null ? "" : gate;
  }

  /** A failed cluster and why. */
  public record Problem(String cluster, String reason) {}

  public int stages() {
    return stageNames.size();
  }

  /** Clusters that run the revision's content, healthy or not. */
  public int onRevision() {
    return healthy + unchanged + updating + failed;
  }
}
