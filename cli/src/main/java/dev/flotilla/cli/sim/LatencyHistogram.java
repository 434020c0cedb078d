package dev.flotilla.cli.sim;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, in log-linear buckets (64 per power of two above 128 µs, so a
 * percentile is within 1.6% of the true value); lock-free, safe to record from many threads. The
 * maximum is kept exactly. Pure arithmetic, no clock.
 */
public final class LatencyHistogram {
  private static final int LINEAR = 128;
  private static final int SUB = 64;
  private static final int MAX_POWER = 40;
  private static final int BUCKETS = LINEAR + (MAX_POWER - 7 + 1) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  public void record(long micros) {
    long v = Math.max(0, micros);
    counts.incrementAndGet(bucket(v));
    total.incrementAndGet();
    max.accumulateAndGet(v, Math::max);
  }

  /** Forgets everything recorded (a value recorded meanwhile may be half counted). */
  public void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      counts.set(i, 0);
    }
    total.set(0);
    max.set(0);
  }

  public long count() {
    return total.get();
  }

  public long max() {
    return max.get();
  }

  /**
   * The smallest recorded value that at least {@code percent}% of values are at or below (as the
   * upper edge of its bucket, never above the maximum); 0 when nothing was recorded.
   */
  public long percentile(double percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("a percentile is between 0 and 100, got " + percent);
    }
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperEdge(i), max.get());
      }
    }
    return max.get();
  }

  static int bucket(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int power = 63 - Long.numberOfLeadingZeros(v);
    if (power > MAX_POWER) {
      return BUCKETS - 1;
    }
    int shift = power - 6;
    int mantissa = (int) (v >> shift);
    return LINEAR + (power - 7) * SUB + (mantissa - SUB);
  }

  static long upperEdge(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int power = (bucket - LINEAR) / SUB + 7;
    int mantissa = (bucket - LINEAR) % SUB + SUB;
    int shift = power - 6;
    return ((long) (mantissa + 1) << shift) - 1;
  }
}
