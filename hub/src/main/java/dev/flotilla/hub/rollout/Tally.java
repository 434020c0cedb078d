package dev.flotilla.hub.rollout;

import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.DurationText;
import dev.flotilla.model.RolloutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's clusters as they count now (pure): an online cluster updating for longer than the
 * health timeout has failed; an offline cluster that is not healthy on the revision is queued,
 * never failed.
 */
final class Tally {
  /** How a cluster counts. */
  enum Standing {
    WAITING,
    UPDATING,
    HEALTHY,
    UNCHANGED,
    FAILED,
    QUEUED;

    /** Whether it no longer holds its stage back. */
    boolean done() {
      return this == HEALTHY || this == UNCHANGED || this == FAILED || this == QUEUED;
    }
  }

  final Map<ClusterId, Standing> standing = new LinkedHashMap<>();
  final Map<ClusterId, String> why = new LinkedHashMap<>();
  final int reachable;
  final int reached;

  Tally(List<ClusterState> clusters, RolloutPolicy policy, Instant now) {
    Duration timeout = policy.healthTimeout();
    int online = 0;
    int moved = 0;
    for (ClusterState c : clusters) {
      if (c.online()) {
        online++;
      }
      Position p = c.position();
      if (p == Position.UPDATING || p == Position.HEALTHY || p == Position.FAILED) {
        moved++;
      }
      standing.put(c.id(), standingOf(c, timeout, now));
      if (c.online() && p == Position.FAILED) {
        why.put(c.id(), c.message().isEmpty() ? "reports failure" : c.message());
      } else if (standing.get(c.id()) == Standing.FAILED) {
        why.put(
            c.id(),
            "not healthy within the health timeout of "
                + DurationText.format(timeout)
                + (c.message().isEmpty() ? "" : " (" + c.message() + ")"));
      }
    }
    this.reachable = online;
    this.reached = moved;
  }

  private static Standing standingOf(ClusterState c, Duration timeout, Instant now) {
    Position p = c.position();
    if (!c.online()) {
      return switch (p) {
        case HEALTHY -> Standing.HEALTHY;
        case UNCHANGED -> Standing.UNCHANGED;
        default -> Standing.QUEUED;
      };
    }
    return switch (p) {
      case WAITING -> Standing.WAITING;
      case HEALTHY -> Standing.HEALTHY;
      case UNCHANGED -> Standing.UNCHANGED;
      case FAILED -> Standing.FAILED;
      case UPDATING -> c.since().plus(timeout).isAfter(now) ? Standing.UPDATING : Standing.FAILED;
    };
  }

  Standing of(ClusterId id) {
    return standing.get(id);
  }

  int count(Standing s) {
    return (int) standing.values().stream().filter(x -> x == s).count();
  }
}
