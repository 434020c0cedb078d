package dev.flotilla.cli.sim;

import java.time.Duration;

/**
 * Which simulated clusters misbehave, and when: a fraction that stays offline for the whole run, a
 * probability that a given check-in finds the link down (flapping), and a reconnect storm in which
 * some clusters lose their TLS sessions and all come back within a short window. Pure: every answer
 * depends only on the seed and the numbers asked about.
 *
 * @param offline fraction of clusters that never check in
 * @param flap probability that one check-in of an online cluster finds its link down
 * @param stormAt when the storm starts (from the start of the run); null for no storm
 * @param stormClusters how many online clusters reconnect in the storm
 * @param stormWithin the window they all come back in
 */
public record FaultModel(
    double offline,
    double flap,
    Duration stormAt,
    int stormClusters,
    Duration stormWithin,
    long seed) {
  public FaultModel {
    if (offline < 0 || offline >= 1) {
      throw new IllegalArgumentException("--offline must be in [0, 1), got " + offline);
    }
    if (flap < 0 || flap >= 1) {
      throw new IllegalArgumentException("--flap must be in [0, 1), got " + flap);
    }
    if (stormAt != null && (stormClusters <= 0 || stormWithin.isNegative())) {
      throw new IllegalArgumentException(
          "--storm-at needs --storm-clusters > 0 and a --storm-within that is not negative");
    }
    if (stormAt == null && stormClusters != 0) {
      throw new IllegalArgumentException(
          "--storm-clusters needs --storm-at T (when the storm starts); without it there is no"
              + " storm");
    }
  }

  public static FaultModel none() {
    return new FaultModel(0, 0, null, 0, Duration.ZERO, 1);
  }

  /** Whether cluster {@code index} stays offline for the whole run. */
  public boolean offline(int index) {
    return unit(index, 0x0ff1) < offline;
  }

  /** Whether check-in number {@code attempt} of cluster {@code index} finds the link down. */
  public boolean linkDown(int index, long attempt) {
    return flap > 0 && unit(index * 0x1_0000_0000L + attempt, 0xf1a9) < flap;
  }

  public boolean storm() {
    return stormAt != null;
  }

  /**
   * When cluster {@code index} reconnects in the storm, as an offset into the storm window; only
   * meaningful for clusters chosen by the caller (the first {@code stormClusters} online ones).
   */
  public Duration stormOffset(int index) {
    return Duration.ofNanos((long) (unit(index, 0x5707) * stormWithin.toNanos()));
  }

  /** A uniform number in [0, 1) from the seed, a salt and {@code key}. */
  double unit(long key, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
