package dev.flotilla.cli.sim;

import java.util.Optional;

/** Samples one process at each progress tick and keeps its peak RSS and CPU use. */
final class ResourceWatch {
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
    } else {
      lastCpu = now.cpuPercentSince(last, (nanos - lastNanos) / 1e9);
      peakCpu = Math.max(peakCpu, lastCpu);
    }
    last = now;
    lastNanos = nanos;
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
