package dev.flotilla.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.distribute.RolloutDecision;
import dev.flotilla.hub.rollout.ClusterState.Position;
import dev.flotilla.hub.rollout.SimulatedFleet.Sim;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.RolloutPolicy;
import dev.flotilla.model.RolloutPolicy.Amount;
import dev.flotilla.model.RolloutPolicy.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the rollout planner, checked round by round while a seeded fleet follows its
 * decisions (links dropping, some clusters failing or stalling, an operator pausing, resuming and
 * promoting now and then).
 */
class RolloutPlannerPropertiesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration ROUND = Duration.ofSeconds(10);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 300);
  }

  /** A policy drawn from the seed: stages, limits and rollback of every kind. */
  static RolloutPolicy policy(Random r) {
    List<Stage> stages = new ArrayList<>();
    if (r.nextBoolean()) {
      stages.add(new Stage.Selected("canary", LabelSelector.parse("canary=true")));
    }
    int p = 0;
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      p = Math.min(100, p + 1 + r.nextInt(60));
      stages.add(new Stage.Percent(p));
    }
    if (r.nextInt(4) > 0 && p < 100) {
      stages.add(new Stage.Percent(100));
    }
    Amount maxUnavailable =
        r.nextBoolean() ? Amount.percent(1 + r.nextInt(100)) : Amount.count(1 + r.nextInt(6));
    Amount threshold = r.nextBoolean() ? Amount.percent(r.nextInt(30)) : Amount.count(r.nextInt(4));
    return new RolloutPolicy(
        stages,
        maxUnavailable,
        Duration.ofSeconds(40 + r.nextInt(80)),
        threshold,
        r.nextBoolean() ? RolloutPolicy.Rollback.AUTO : RolloutPolicy.Rollback.MANUAL,
        r.nextBoolean() ? Optional.of("region") : Optional.empty());
  }

  static RolloutRecord rollout(boolean hasPrevious) {
    return new RolloutRecord(
        7, "web", "r2", hasPrevious ? "r1" : "", Phase.PROGRESSING, 0, 0, "", T0, T0, 0, "");
  }

  private static final Set<Phase> FORWARD =
      EnumSet.of(Phase.PROGRESSING, Phase.PAUSED, Phase.COMPLETE);
  private static final Map<Phase, Set<Phase>> PLANNER_MOVES =
      Map.of(
          Phase.PROGRESSING,
          EnumSet.of(Phase.PROGRESSING, Phase.PAUSED, Phase.COMPLETE, Phase.ROLLING_BACK),
          Phase.PAUSED,
          EnumSet.of(Phase.PAUSED, Phase.ROLLING_BACK),
          Phase.COMPLETE,
          EnumSet.of(Phase.COMPLETE),
          Phase.ROLLING_BACK,
          EnumSet.of(Phase.ROLLING_BACK, Phase.ROLLED_BACK),
          Phase.ROLLED_BACK,
          EnumSet.of(Phase.ROLLED_BACK));

  @ParameterizedTest
  @MethodSource("seeds")
  void boundsDeterminismMonotonicProgressAndOfflineClusters(long seed) {
    Random r = new Random(seed);
    RolloutPolicy policy = policy(r);
    SimulatedFleet fleet = new SimulatedFleet(seed, 5 + r.nextInt(60), r.nextDouble() * 0.2, 0.05);
    RolloutRecord rollout = rollout(r.nextBoolean());
    Instant now = T0;
    Set<ClusterId> toldNewest = new HashSet<>();
    for (int round = 0; round < 120; round++) {
      boolean fresh = round > 0;
      List<ClusterState> states = fleet.states(fresh);
      RolloutPlan plan = RolloutPlanner.plan(rollout, policy, states, fresh, now);

      // determinism: the same inputs in any order give the same plan
      List<ClusterState> shuffled = new ArrayList<>(states);
      Collections.shuffle(shuffled, new Random(seed * 31 + round));
      RolloutPlan again = RolloutPlanner.plan(rollout, policy, shuffled, fresh, now);
      assertThat(again).as("seed %d round %d", seed, round).isEqualTo(plan);

      RolloutRecord next = plan.next();
      // monotonic: the stage never goes back; the planner moves phases only forward
      assertThat(next.stage())
          .isGreaterThanOrEqualTo(Math.min(rollout.stage(), stagesOf(plan) - 1));
      assertThat(PLANNER_MOVES.get(rollout.phase())).contains(next.phase());
      if (!fresh) {
        assertThat(next.phase()).isEqualTo(rollout.phase());
      }
      // a cluster told to move stays moved while the rollout goes forward
      if (FORWARD.contains(next.phase())) {
        for (ClusterId id : toldNewest) {
          assertThat(plan.decisionFor(id))
              .as("seed %d: %s", seed, id)
              .isEqualTo(RolloutDecision.NEWEST);
        }
      }
      // bounds: clusters are admitted only while fewer than maxUnavailable reachable ones update
      if (next.phase() == Phase.PROGRESSING) {
        int reachable = (int) states.stream().filter(ClusterState::online).count();
        int budget = Math.max(1, policy.maxUnavailable().of(reachable));
        int updating = 0;
        int admitted = 0;
        for (ClusterState c : states) {
          boolean timedOut = !c.since().plus(policy.healthTimeout()).isAfter(now);
          if (c.online() && c.position() == Position.UPDATING && !timedOut) {
            updating++;
          }
          if (c.online()
              && c.position() == Position.WAITING
              && plan.decisionFor(c.id()) instanceof RolloutDecision.Newest) {
            admitted++;
          }
        }
        if (admitted > 0) {
          assertThat(updating + admitted)
              .as("seed %d round %d", seed, round)
              .isLessThanOrEqualTo(budget);
        }
      }
      // offline clusters are never counted as failed
      Set<String> offline = new HashSet<>();
      states.stream().filter(c -> !c.online()).forEach(c -> offline.add(c.name()));
      plan.progress().failures().forEach(f -> assertThat(offline).doesNotContain(f.cluster()));
      long onlineFailing =
          states.stream()
              .filter(ClusterState::online)
              .filter(c -> c.position() == Position.FAILED || c.position() == Position.UPDATING)
              .count();
      assertThat(plan.progress().failed()).isLessThanOrEqualTo((int) onlineFailing);
      // a rollback sends everyone, and anyone who joins, back
      if (next.phase() == Phase.ROLLING_BACK || next.phase() == Phase.ROLLED_BACK) {
        states.forEach(
            c -> assertThat(plan.decisionFor(c.id())).isInstanceOf(RolloutDecision.Previous.class));
        assertThat(plan.fallback()).isInstanceOf(RolloutDecision.Previous.class);
      }

      states.forEach(
          c -> {
            if (plan.decisionFor(c.id()) instanceof RolloutDecision.Newest) {
              toldNewest.add(c.id());
            }
          });
      rollout = operator(next, plan, r, now);
      fleet.follow(plan, now);
      now = now.plus(ROUND);
      fleet.tick(now);
    }
  }

  /** Now and then an operator pauses, resumes or promotes (what the API would do). */
  private static RolloutRecord operator(
      RolloutRecord r, RolloutPlan plan, Random random, Instant now) {
    if (random.nextInt(25) != 0) {
      return r;
    }
    RolloutAction action =
        List.of(RolloutAction.PAUSE, RolloutAction.RESUME, RolloutAction.PROMOTE)
            .get(random.nextInt(3));
    return switch (action.apply(r, plan.progress(), "admin:test", "", now)) {
      case RolloutAction.Outcome.Applied a -> a.next();
      case RolloutAction.Outcome.Refused x -> r;
    };
  }

  private static int stagesOf(RolloutPlan plan) {
    return plan.progress().stages();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aFleetWithoutFailuresCompletesAndEveryClusterGetsTheRevision(long seed) {
    Random r = new Random(seed);
    RolloutPolicy policy = policy(r);
    SimulatedFleet fleet = new SimulatedFleet(seed, 3 + r.nextInt(50), 0, 0.05);
    RolloutRecord rollout = rollout(true);
    Instant now = T0;
    for (int round = 0; round < 400 && rollout.phase() != Phase.COMPLETE; round++) {
      RolloutPlan plan =
          RolloutPlanner.plan(rollout, policy, fleet.states(round > 0), round > 0, now);
      rollout = plan.next();
      fleet.follow(plan, now);
      now = now.plus(ROUND);
      fleet.tick(now);
    }
    assertThat(rollout.phase()).as("seed %d: %s", seed, rollout.reason()).isEqualTo(Phase.COMPLETE);
    RolloutPlan done = RolloutPlanner.plan(rollout, policy, fleet.states(true), true, now);
    fleet.allOnline(now);
    fleet.follow(done, now);
    for (Sim c : fleet.clusters) {
      assertThat(c.onNew || c.unchanged).as("seed %d: %s", seed, c.name).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aRollbackRestoresThePreviousRevisionEverywhere(long seed) {
    Random r = new Random(seed);
    RolloutPolicy base = policy(r);
    RolloutPolicy policy =
        new RolloutPolicy(
            base.stages(),
            base.maxUnavailable(),
            base.healthTimeout(),
            Amount.count(0),
            RolloutPolicy.Rollback.AUTO,
            base.orderBy());
    SimulatedFleet fleet = new SimulatedFleet(seed, 5 + r.nextInt(50), 0.3, 0.05);
    RolloutRecord rollout = rollout(true);
    Instant now = T0;
    boolean rolledBack = false;
    for (int round = 0; round < 400 && rollout.phase() != Phase.ROLLED_BACK; round++) {
      RolloutPlan plan =
          RolloutPlanner.plan(rollout, policy, fleet.states(round > 0), round > 0, now);
      rollout = plan.next();
      if (rollout.phase() == Phase.COMPLETE) {
        // every bad cluster happened to be offline: roll back by hand
        rollout =
            ((RolloutAction.Outcome.Applied)
                    RolloutAction.ROLLBACK.apply(rollout, plan.progress(), "admin:t", "", now))
                .next();
        plan = RolloutPlanner.plan(rollout, policy, fleet.states(true), true, now);
      }
      rolledBack |= rollout.phase() == Phase.ROLLING_BACK;
      fleet.follow(plan, now);
      now = now.plus(ROUND);
      fleet.tick(now);
    }
    assertThat(rolledBack).as("seed %d", seed).isTrue();
    assertThat(rollout.phase())
        .as("seed %d: %s", seed, rollout.reason())
        .isEqualTo(Phase.ROLLED_BACK);
    RolloutPlan last = RolloutPlanner.plan(rollout, policy, fleet.states(true), true, now);
    fleet.allOnline(now);
    fleet.follow(last, now);
    for (Sim c : fleet.clusters) {
      assertThat(c.onNew)
          .as("seed %d: %s still on the rolled-back revision", seed, c.name)
          .isFalse();
    }
    assertThat(last.next().phase()).isEqualTo(Phase.ROLLED_BACK);
  }
}
