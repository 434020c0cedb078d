package dev.flotilla.cli.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast a commit reaches the fleet. A commit is recognised by its revision (the set of bundle
 * revisions of a desired document): its wave starts the first time a cluster that held another
 * revision receives it, and every cluster's first sighting of it is an arrival (sightings before
 * the start count as at the start). Thread-safe; pure otherwise (times are given in nanoseconds).
 */
public final class PropagationTracker {
  private final Map<String, Wave> waves = new LinkedHashMap<>();

  /** Cluster got a document with revision {@code key}; it held {@code previous} (null: none). */
  public synchronized void sighted(String key, String previous, long nanos) {
    Wave w = waves.computeIfAbsent(key, k -> new Wave());
    if (previous != null && !previous.equals(key) && w.start == Long.MIN_VALUE) {
      w.start = nanos;
    }
    w.add(nanos);
  }

  /**
   * One line per commit seen during the run: when it started (nanoseconds, as given), how many
   * clusters got it, and the time until {@code percents} of {@code online} clusters had it (null
   * where not reached).
   */
  public synchronized List<Propagation> commits(int online, double... percents) {
    List<Propagation> out = new ArrayList<>();
    for (Map.Entry<String, Wave> e : waves.entrySet()) {
      Wave w = e.getValue();
      if (w.start == Long.MIN_VALUE) {
        continue;
      }
      long[] offsets = Arrays.copyOf(w.arrivals, w.size);
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = Math.max(0, offsets[i] - w.start);
      }
      Arrays.sort(offsets);
      Map<String, Double> reached = new LinkedHashMap<>();
      for (double p : percents) {
        long need = (long) Math.ceil(p / 100.0 * online);
        String label = "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
        Double seconds = null;
        if (need <= 0) {
          seconds = 0.0;
        } else if (need <= offsets.length) {
          seconds = offsets[(int) need - 1] / 1e9;
        }
        reached.put(label, seconds);
      }
      out.add(new Propagation(e.getKey(), w.start, offsets.length, online, reached));
    }
    return out;
  }

  /**
   * One commit's spread.
   *
   * @param revision the revision set that was new
   * @param startNanos when the first cluster got it
   * @param reached how many clusters got it
   * @param online clusters online in the run
   * @param secondsTo seconds from the start until that share of online clusters had it
   */
  public record Propagation(
      String revision, long startNanos, int reached, int online, Map<String, Double> secondsTo) {}

  private static final class Wave {
    long start = Long.MIN_VALUE;
    long[] arrivals = new long[16];
    int size;

    void add(long nanos) {
      if (size == arrivals.length) {
        arrivals = Arrays.copyOf(arrivals, size * 2);
      }
      arrivals[size++] = nanos;
    }
  }
}
