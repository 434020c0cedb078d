package dev.flotilla.hub.rollout;

import dev.flotilla.hub.admin.FleetStatus;
import dev.flotilla.hub.admin.FleetStatus.Progress;
import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.target.TargetDecision;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The planner's view of a bundle's targeted clusters, from what the hub assigned and what agents
 * reported (pure). An assignment of the newest revision's content counts as moved when it came with
 * the rollout's revision or another revision rolled out since the last complete rollout ({@code
 * moved}); older content the revision did not change counts as unchanged, but only once the
 * assignments reflect this rollout ({@code fresh}).
 */
final class ClusterStates {
  private ClusterStates() {}

  /**
   * @param assignments the bundle's assignments by cluster
   * @param status the fleet's reports and online state
   * @param moved revisions whose content counts as moved by this rollout
   * @param lastDecisions what each cluster was told last round (an error counts as a failure only
   *     for clusters told to move)
   * @param onlineSince when each online cluster was first seen online by this hub, lately
   */
  static List<ClusterState> of(
      BundleSpec spec,
      List<ClusterRecord> clusters,
      Map<ClusterId, Assignment> assignments,
      FleetStatus status,
      Set<String> moved,
      boolean fresh,
      Function<ClusterId, RolloutDecision> lastDecisions,
      Map<ClusterId, Instant> onlineSince) {
    List<ClusterState> out = new ArrayList<>();
    for (ClusterRecord c : clusters) {
      if (c.revoked()
          || !(TargetDecision.decide(spec, c.labels(), c.facts())
              instanceof TargetDecision.Targeted)) {
        continue;
      }
      Assignment a = assignments.get(c.id());
      boolean online = status.online(c);
      Instant since = a == null ? Instant.EPOCH : a.updatedAt();
      Instant back = onlineSince.get(c.id());
      if (back != null && back.isAfter(since)) {
        since = back;
      }
      out.add(state(c, a, online, since, status, moved, fresh, lastDecisions));
    }
    return out;
  }

  private static ClusterState state(
      ClusterRecord c,
      Assignment a,
      boolean online,
      Instant since,
      FleetStatus status,
      Set<String> moved,
      boolean fresh,
      Function<ClusterId, RolloutDecision> lastDecisions) {
    if (a == null) {
      return new ClusterState(
          c.id(), c.name(), c.labels(), online, Position.WAITING, false, since, "");
    }
    Progress reported = a.served() ? status.reported(a) : Progress.READY;
    boolean settled = reported == Progress.READY;
    Position position;
    String message = "";
    switch (a.state()) {
      case ASSIGNED -> {
        if (!moved.contains(a.revision())) {
          position = fresh ? Position.UNCHANGED : Position.WAITING;
        } else if (reported == Progress.FAILED) {
          position = Position.FAILED;
          message = status.reportedMessage(a);
        } else {
          position = settled ? Position.HEALTHY : Position.UPDATING;
          message = status.reportedMessage(a);
        }
      }
      case ERROR -> {
        boolean told = lastDecisions.apply(c.id()) instanceof RolloutDecision.Newest;
        position = told ? Position.FAILED : Position.WAITING;
        message = a.message();
        settled = false;
      }
      default -> position = Position.WAITING;
    }
    return new ClusterState(
        c.id(), c.name(), c.labels(), online, position, settled, since, message);
  }
}
