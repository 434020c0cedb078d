package dev.flotilla.cli.sim;

import java.util.Optional;

/** Samples one process at each progress tick and keeps its peak RSS and its CPU use. */
final class ResourceWatch {
  private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
  private final ProcessProbe probe;
  private ProcessSample first;
  private ProcessSample last;
  private long firstNanos;
  private long lastNanos;
  private long peakRss;
  private double peakCpu;
  private double lastCpu;

  ResourceWatch(ProcessProbe probe) {
    this.probe = probe;
  }

  synchronized void sample(long nanos) {
    Optional<ProcessSample> s = probe.sample();
    if (s.isEmpty()) {
      return;
    }
    ProcessSample now = s.get();
    peakRss = Math.max(peakRss, now.rssKiB());
    if (first == null) {
      first = now;
      firstNanos = nanos;
    } else if (nanos - lastNanos >= MIN_INTERVAL_NANOS) {
      // shorter intervals hold too few clock ticks (10 ms each) for a rate
      lastCpu = now.cpuPercentSince(last, (nanos - lastNanos) / 1e9);
      peakCpu = Math.max(peakCpu, lastCpu);
    } else {
      return;
    }
    last = now;
    lastNanos = nanos;
  }

  /** CPU figures count from the next sample on (after a warm-up); peak RSS covers the whole run. */
  synchronized void restartCpu() {
    first = null;
    peakCpu = 0;
  }

  synchronized long rssKiB() {
    return last == null ? 0 : last.rssKiB();
  }

  synchronized double lastCpuPercent() {
    return lastCpu;
  }

  synchronized Figures.Resources figures() {
    if (first == null) {
      return null;
    }
    double mean = last.cpuPercentSince(first, (lastNanos - firstNanos) / 1e9);
    return new Figures.Resources(probe.pid(), peakRss / 1024.0, mean, peakCpu);
  }
}
