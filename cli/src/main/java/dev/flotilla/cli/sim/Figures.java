package dev.flotilla.cli.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a simulator run measured (written as {@code figures.json} and {@code figures.csv}).
 *
 * @param clusters simulated clusters; {@code online} of them not offline by the fault model
 * @param clustersSynced clusters that completed at least one check-in
 * @param checkInsPerSecond completed check-ins per second served over the run
 * @param ratio304 share of desired-document polls answered 304
 * @param wireBytesPerCheckIn TLS bytes on the socket (handshake, records, HTTP headers and bodies;
 *     not TCP/IP headers), in plus out, per completed check-in
 * @param latencyMs per call type: count, p50, p90, p99, max (milliseconds)
 * @param hub the hub process's peak RSS and CPU (null without a hub pid)
 * @param sim the simulator's own peak RSS and CPU
 */
public record Figures(
    double seconds,
    int clusters,
    int online,
    int clustersSynced,
    long checkIns,
    long failedCheckIns,
    double checkInsPerSecond,
    double ratio304,
    double wireBytesPerCheckIn,
    long fullHandshakes,
    long resumedHandshakes,
    long throttled429,
    long unavailable503,
    long linkDown,
    long rejectedDocuments,
    Map<String, Long> errors,
    Map<String, Latency> latencyMs,
    Resources hub,
    Resources sim,
    List<PropagationTracker.Propagation> commits,
    StormTracker.Outcome storm) {

  /** One call type's latency in milliseconds. */
  public record Latency(long count, double p50, double p90, double p99, double max) {
    static Latency of(LatencyHistogram h) {
      return new Latency(
          h.count(),
          h.percentile(50) / 1000.0,
          h.percentile(90) / 1000.0,
          h.percentile(99) / 1000.0,
          h.max() / 1000.0);
    }
  }

  /** A process's peak resident memory and its CPU use (mean and peak, % of one core). */
  public record Resources(
      long pid, double peakRssMiB, double meanCpuPercent, double peakCpuPercent) {}

  /** Reads the figures off {@code metrics} (pure). */
  public static Figures of(
      double seconds,
      int clusters,
      int online,
      int clustersSynced,
      SimMetrics m,
      Resources hub,
      Resources sim,
      List<PropagationTracker.Propagation> commits,
      StormTracker.Outcome storm) {
    long ok = m.checkIns.sum();
    long polls = m.latency(Call.DESIRED_200).count() + m.latency(Call.DESIRED_304).count();
    long wire = m.bytesIn.sum() + m.bytesOut.sum();
    Map<String, Latency> latency = new LinkedHashMap<>();
    for (Call c : Call.values()) {
      latency.put(c.name().toLowerCase(java.util.Locale.ROOT), Latency.of(m.latency(c)));
    }
    return new Figures(
        seconds,
        clusters,
        online,
        clustersSynced,
        ok,
        m.failedCheckIns.sum(),
        seconds > 0 ? ok / seconds : 0,
        polls == 0 ? 0 : (double) m.latency(Call.DESIRED_304).count() / polls,
        ok == 0 ? 0 : (double) wire / ok,
        m.fullHandshakes.sum(),
        m.resumedHandshakes.sum(),
        m.throttled429.sum(),
        m.unavailable503.sum(),
        m.linkDown.sum(),
        m.rejectedDocuments.sum(),
        m.errors(),
        latency,
        hub,
        sim,
        commits,
        storm);
  }
}
