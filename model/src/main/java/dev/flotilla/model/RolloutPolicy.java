package dev.flotilla.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code rollout:} block of a bundle. Stages are cumulative: {@code [10%, 100%]} means a first
 * stage of 10% of the targeted clusters, then everyone.
 *
 * @param stages the stages in order; the last one must reach every cluster
 * @param maxUnavailable how many reachable clusters may be updating (moved, not yet healthy) at
 *     once; failed ones are governed by {@code failureThreshold}
 * @param healthTimeout how long an online cluster may take to report healthy
 * @param failureThreshold failures beyond this pause the rollout (or roll it back); a percentage is
 *     of the clusters the rollout moved so far
 * @param rollback what to do past the threshold
 * @param orderBy an optional label key; clusters are staged in the order of its values
 */
public record RolloutPolicy(
    List<Stage> stages,
    Amount maxUnavailable,
    Duration healthTimeout,
    Amount failureThreshold,
    Rollback rollback,
    Optional<String> orderBy) {
  public static final RolloutPolicy ALL_AT_ONCE =
      new RolloutPolicy(
          List.of(new Stage.Percent(100)),
          Amount.percent(100),
          Duration.ofMinutes(10),
          Amount.percent(100),
          Rollback.MANUAL,
          Optional.empty());

  public RolloutPolicy {
    stages =
        List.copyOf(stages == null || stages.isEmpty() ? List.of(new Stage.Percent(100)) : stages);
    maxUnavailable = maxUnavailable == null ? Amount.percent(100) : maxUnavailable;
    healthTimeout = healthTimeout == null ? Duration.ofMinutes(10) : healthTimeout;
    failureThreshold = failureThreshold == null ? Amount.percent(100) : failureThreshold;
    rollback = rollback == null ? Rollback.MANUAL : rollback;
    orderBy = orderBy == null ? Optional.empty() : orderBy;
    if (healthTimeout.isNegative() || healthTimeout.isZero()) {
      throw new IllegalArgumentException("rollout.healthTimeout must be positive");
    }
    int last = -1;
    for (Stage s : stages) {
      if (s instanceof Stage.Percent p) {
        if (p.percent() < last) {
          throw new IllegalArgumentException(
              "rollout.stages percentages must not decrease: "
                  + p.percent()
                  + "% after "
                  + last
                  + "%");
        }
        last = p.percent();
      }
    }
  }

  /**
   * One stage: a cumulative percentage of the targeted clusters, or the clusters a selector picks.
   */
  public sealed interface Stage {
    /** A cumulative share of the targeted clusters, 1-100. */
    record Percent(int percent) implements Stage {
      public Percent {
        if (percent < 1 || percent > 100) {
          throw new IllegalArgumentException(
              "a rollout stage percentage must be 1-100, got " + percent);
        }
      }

      @Override
      public String toString() {
        return percent + "%";
      }
    }

    /** The clusters (among the targeted ones) a selector picks, e.g. canary sites. */
    record Selected(String name, LabelSelector selector) implements Stage {
      @Override
      public String toString() {
        return name.isEmpty() ? selector.toString() : name;
      }
    }
  }

  /** What happens when failures pass the threshold. */
  public enum Rollback {
    AUTO,
    MANUAL
  }

  /** A count or a percentage of a total, as in {@code maxUnavailable: 5%} or {@code 3}. */
  public record Amount(int value, boolean isPercent) {
    public Amount {
      if (value < 0 || (isPercent && value > 100)) {
        throw new IllegalArgumentException("not a valid amount: " + value + (isPercent ? "%" : ""));
      }
    }

    public static Amount percent(int p) {
      return new Amount(p, true);
    }

    public static Amount count(int n) {
      return new Amount(n, false);
    }

    public static Amount parse(String text) {
      String t = text.strip();
      try {
        return t.endsWith("%")
            ? percent(Integer.parseInt(t.substring(0, t.length() - 1).strip()))
            : count(Integer.parseInt(t));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a count or percentage: '" + text + "'", e);
      }
    }

    /** The amount of {@code total}, rounding percentages up (at least 1 when non-zero). */
    public int of(int total) {
      if (!isPercent) {
        return value;
      }
      return (int) Math.ceil(total * value / 100.0);
    }

    @Override
    public String toString() {
      return isPercent ? value + "%" : Integer.toString(value);
    }
  }
}
