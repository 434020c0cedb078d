import dev.flotilla.hub.rollout.ClusterState;
import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.hub.rollout.RolloutPlan;
import dev.flotilla.hub.rollout.RolloutPlanner;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Labels;
import dev.flotilla.model.RolloutPolicy;
import dev.flotilla.model.RolloutPolicy.Amount;
import dev.flotilla.model.RolloutPolicy.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * How long one round of the rollout planner takes for one bundle, by fleet size: a rollout in
 * progress (canary, 10%, 50%, 100%, ordered by region), 5% of the clusters offline, the fleet
 * spread over every position. Prints the median and the 95th percentile of 30 rounds.
 */
public class RolloutBench {
  public static void main(String[] args) {
    int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {1_000, 10_000, 50_000};
    RolloutPolicy policy =
        new RolloutPolicy(
            List.of(
                new Stage.Selected("canary", LabelSelector.parse("canary=true")),
                new Stage.Percent(10),
                new Stage.Percent(50),
                new Stage.Percent(100)),
            Amount.percent(5),
            Duration.ofMinutes(10),
            Amount.percent(2),
            RolloutPolicy.Rollback.AUTO,
            Optional.of("region"));
    Instant now = Instant.parse("2026-01-01T01:00:00Z");
    RolloutRecord rollout =
        new RolloutRecord(1, "telemetry", "r2", "r1", RolloutRecord.Phase.PROGRESSING, 2, 0, "", now, now, 0, "");
    System.out.printf("%-10s %12s %12s%n", "clusters", "median ms", "p95 ms");
    for (int n : sizes) {
      List<ClusterState> fleet = fleet(n, now);
      for (int i = 0; i < 5; i++) {
        RolloutPlanner.plan(rollout, policy, fleet, true, now);
      }
      long[] ns = new long[30];
      RolloutPlan last = null;
      for (int i = 0; i < ns.length; i++) {
        long t = System.nanoTime();
        last = RolloutPlanner.plan(rollout, policy, fleet, true, now);
        ns[i] = System.nanoTime() - t;
      }
      Arrays.sort(ns);
      System.out.printf(
          "%-10d %12.1f %12.1f   (%s; %s)%n",
          n,
          ns[ns.length / 2] / 1e6,
          ns[(int) (ns.length * 0.95)] / 1e6,
          last.next().phase(),
          last.progress().gate());
    }
  }

  static List<ClusterState> fleet(int n, Instant now) {
    Random r = new Random(42);
    String[] regions = {"ap-south", "eu-west", "us-east", "sa-east", "af-south"};
    // mid-rollout: a third moved and healthy, a few updating, a few failures, the rest waiting
    Position[] positions = new Position[200];
    Arrays.fill(positions, Position.WAITING);
    Arrays.fill(positions, 0, 60, Position.HEALTHY);
    Arrays.fill(positions, 60, 66, Position.UPDATING);
    Arrays.fill(positions, 66, 67, Position.FAILED);
    Arrays.fill(positions, 67, 80, Position.UNCHANGED);
    List<ClusterState> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Labels labels =
          Labels.of("region", regions[r.nextInt(regions.length)], "model", r.nextBoolean() ? "rpi4" : "nuc", "canary", i % 500 == 0 ? "true" : "false");
      out.add(
          new ClusterState(
              new ClusterId(String.format("c-%08x", r.nextInt())),
              "site-" + i,
              labels,
              r.nextInt(20) != 0,
              positions[r.nextInt(positions.length)],
              r.nextBoolean(),
              now.minusSeconds(r.nextInt(300)),
              ""));
    }
    return out;
  }
}
