package dev.flotilla.cli.sim;

import java.util.BitSet;

/**
 * Convergence after a reconnect storm: which clusters take part, and when each first completed a
 * check-in (with the current document) after the storm began. Thread-safe; times given in nanos.
 */
public final class StormTracker {
  private final BitSet members = new BitSet();
  private final BitSet converged = new BitSet();
  private long startNanos = Long.MIN_VALUE;
  private long lastNanos = Long.MIN_VALUE;
  private int memberCount;

  public synchronized void join(int cluster) {
    if (!members.get(cluster)) {
      members.set(cluster);
      memberCount++;
    }
  }

  public synchronized void started(long nanos) {
    startNanos = nanos;
  }

  /** Cluster completed a check-in and holds the current document. */
  public synchronized void checkedIn(int cluster, long nanos) {
    if (startNanos == Long.MIN_VALUE || nanos < startNanos || !members.get(cluster)) {
      return;
    }
    if (!converged.get(cluster)) {
      converged.set(cluster);
      lastNanos = Math.max(lastNanos, nanos);
    }
  }

  /** The storm's outcome; {@code secondsToConverge} is null until every member converged. */
  public synchronized Outcome outcome() {
    int done = converged.cardinality();
    Double seconds = memberCount > 0 && done == memberCount ? (lastNanos - startNanos) / 1e9 : null;
    return new Outcome(memberCount, done, seconds);
  }

  /** How many clusters stormed, how many converged, and how long until all had. */
  public record Outcome(int clusters, int converged, Double secondsToConverge) {}
}
