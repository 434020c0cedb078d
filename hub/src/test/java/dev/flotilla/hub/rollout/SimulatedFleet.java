package dev.flotilla.hub.rollout;

import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fleet that follows the planner's decisions the way the hub and agents do, from a seed: online
 * clusters move when told (offline ones when they are back), report healthy a few rounds later, or
 * fail (bad ones), or never get ready (stalled ones); links drop and return.
 */
final class SimulatedFleet {
  static final String[] REGIONS = {"ap-south", "eu-west", "us-east"};
  static final String[] MODELS = {"rpi4", "nuc", "jetson"};

  /** One simulated cluster. */
  static final class Sim {
    final ClusterId id;
    final String name;
    final Labels labels;
    final boolean bad;
    final boolean stalled;
    final boolean unchanged;
    boolean online = true;
    boolean onNew;
    boolean ready = true;
    boolean failed;
    int readyIn;
    Instant since = Instant.EPOCH;
    Instant onlineSince = Instant.EPOCH;
    RolloutDecision told = new RolloutDecision.Wait("");

    Sim(int i, Random r, double badShare) {
      this.id = new ClusterId("c-" + Integer.toHexString(r.nextInt()) + "-" + i);
      this.name = "site-" + i;
      this.labels =
          Labels.of(
              "region", REGIONS[r.nextInt(REGIONS.length)],
              "model", MODELS[r.nextInt(MODELS.length)],
              "canary", r.nextInt(10) == 0 ? "true" : "false");
      this.bad = r.nextDouble() < badShare;
      this.stalled = !bad && r.nextDouble() < badShare / 2;
      this.unchanged = r.nextInt(8) == 0;
    }

    ClusterState state(boolean fresh) {
      Position p;
      if (unchanged) {
        // the hub serves the previous revision's (equal) content as rolled back, or waiting
        boolean back = told instanceof RolloutDecision.Previous;
        p = fresh && !back ? Position.UNCHANGED : Position.WAITING;
      } else if (!onNew) {
        p = Position.WAITING;
      } else if (failed) {
        p = Position.FAILED;
      } else {
        p = ready ? Position.HEALTHY : Position.UPDATING;
      }
      // like the controller: the health timeout runs from the move, or the return if later
      Instant from = onlineSince.isAfter(since) ? onlineSince : since;
      return new ClusterState(
          id, name, labels, online, p, ready, from, failed ? "CrashLoopBackOff" : "");
    }
  }

  final List<Sim> clusters = new ArrayList<>();
  private final Random random;
  private final double flap;

  SimulatedFleet(long seed, int size, double badShare, double flap) {
    this.random = new Random(seed);
    this.flap = flap;
    for (int i = 0; i < size; i++) {
      clusters.add(new Sim(i, random, badShare));
    }
  }

  List<ClusterState> states(boolean fresh) {
    return clusters.stream().map(c -> c.state(fresh)).toList();
  }

  Sim byId(ClusterId id) {
    return clusters.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
  }

  /** The hub distributes {@code plan}; online clusters act on it, then time passes. */
  void follow(RolloutPlan plan, Instant now) {
    for (Sim c : clusters) {
      c.told = plan.decisionFor(c.id);
    }
    for (Sim c : clusters) {
      if (c.online) {
        act(c, now);
      }
    }
  }

  /** A round passes: agents report, links drop and return; returning clusters act at once. */
  void tick(Instant now) {
    for (Sim c : clusters) {
      if (c.online && !c.ready && !c.failed && c.readyIn-- <= 0) {
        if (c.onNew && c.bad) {
          c.failed = true;
        } else if (!(c.onNew && c.stalled)) {
          c.ready = true;
        }
      }
      if (random.nextDouble() < flap) {
        c.online = !c.online;
        if (c.online) {
          c.onlineSince = now;
          act(c, now);
        }
      }
    }
  }

  void allOnline(Instant now) {
    for (Sim c : clusters) {
      if (!c.online) {
        c.online = true;
        c.onlineSince = now;
        act(c, now);
      }
    }
  }

  private void act(Sim c, Instant now) {
    boolean toNew = c.told instanceof RolloutDecision.Newest;
    boolean toOld = c.told instanceof RolloutDecision.Previous;
    if (c.unchanged) {
      return;
    }
    if (toNew && !c.onNew) {
      c.onNew = true;
      settle(c, now);
    } else if (toOld && c.onNew) {
      c.onNew = false;
      settle(c, now);
    }
  }

  private void settle(Sim c, Instant now) {
    c.ready = false;
    c.failed = false;
    c.since = now;
    c.readyIn = random.nextInt(3);
  }
}
