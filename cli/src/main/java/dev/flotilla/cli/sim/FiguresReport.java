package dev.flotilla.cli.sim;

import dev.flotilla.protocol.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figures as text: the summary printed at the end, and {@code figures.csv} ({@code metric,value}
 * rows) and {@code figures.json} in the results folder. The text forms are pure functions.
 */
public final class FiguresReport {
  private FiguresReport() {}

  public static void write(Figures f, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve("figures.json"), Json.writePretty(f).getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("figures.csv"), csv(f));
  }

  /** One {@code metric,value} row per figure (latencies and commits flattened). */
  public static String csv(Figures f) {
    List<String> rows = new ArrayList<>();
    rows.add("metric,value");
    rows.add("seconds," + f.seconds());
    rows.add("clusters," + f.clusters());
    rows.add("online," + f.online());
    rows.add("clusters_synced," + f.clustersSynced());
    rows.add("check_ins," + f.checkIns());
    rows.add("failed_check_ins," + f.failedCheckIns());
    rows.add("check_ins_per_second," + round(f.checkInsPerSecond()));
    rows.add("ratio_304," + round(f.ratio304()));
    rows.add("wire_bytes_per_check_in," + round(f.wireBytesPerCheckIn()));
    rows.add("tls_full_handshakes," + f.fullHandshakes());
    rows.add("tls_resumed_handshakes," + f.resumedHandshakes());
    rows.add("http_429," + f.throttled429());
    rows.add("http_503," + f.unavailable503());
    rows.add("link_down," + f.linkDown());
    rows.add("rejected_documents," + f.rejectedDocuments());
    f.errors().forEach((k, v) -> rows.add("error_" + k + "," + v));
    for (Map.Entry<String, Figures.Latency> e : f.latencyMs().entrySet()) {
      Figures.Latency l = e.getValue();
      String p = "latency_ms_" + e.getKey() + "_";
      rows.add(p + "count," + l.count());
      rows.add(p + "p50," + l.p50());
      rows.add(p + "p90," + l.p90());
      rows.add(p + "p99," + l.p99());
      rows.add(p + "max," + l.max());
    }
    resources(rows, "hub", f.hub());
    resources(rows, "sim", f.sim());
    int i = 0;
    for (PropagationTracker.Propagation c : f.commits()) {
      String p = "commit_" + (++i) + "_";
      rows.add(p + "reached," + c.reached());
      c.secondsTo().forEach((k, v) -> rows.add(p + "seconds_to_" + k + "," + (v == null ? "" : v)));
    }
    if (f.storm() != null) {
      rows.add("storm_clusters," + f.storm().clusters());
      rows.add("storm_converged," + f.storm().converged());
      Double s = f.storm().secondsToConverge();
      rows.add("storm_seconds_to_converge," + (s == null ? "" : s));
    }
    return String.join("\n", rows) + "\n";
  }

  private static void resources(List<String> rows, String who, Figures.Resources r) {
    if (r == null) {
      return;
    }
    rows.add(who + "_peak_rss_mib," + round(r.peakRssMiB()));
    rows.add(who + "_mean_cpu_percent," + round(r.meanCpuPercent()));
    rows.add(who + "_peak_cpu_percent," + round(r.peakCpuPercent()));
  }

  /** The end-of-run summary for a terminal. */
  public static String summary(Figures f) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "%,d clusters (%,d online, %,d checked in), %.0f s: %,d check-ins (%.1f/s), %,d failed; 304 ratio %.3f; %.0f wire bytes per check-in%n"
            .formatted(
                f.clusters(),
                f.online(),
                f.clustersSynced(),
                f.seconds(),
                f.checkIns(),
                f.checkInsPerSecond(),
                f.failedCheckIns(),
                f.ratio304(),
                f.wireBytesPerCheckIn()));
    sb.append(
        "TLS handshakes: %,d full, %,d resumed; 429: %,d, 503: %,d; link down: %,d; errors: %s%n"
            .formatted(
                f.fullHandshakes(),
                f.resumedHandshakes(),
                f.throttled429(),
                f.unavailable503(),
                f.linkDown(),
                f.errors()));
    sb.append("latency ms          count      p50      p90      p99      max\n");
    f.latencyMs()
        .forEach(
            (k, l) ->
                sb.append(
                    "  %-12s %10d %8.1f %8.1f %8.1f %8.1f%n"
                        .formatted(k, l.count(), l.p50(), l.p90(), l.p99(), l.max())));
    for (Figures.Resources r : new Figures.Resources[] {f.hub(), f.sim()}) {
      if (r != null) {
        sb.append(
            "%s (pid %d): peak RSS %.0f MiB, CPU mean %.0f%% peak %.0f%% of one core%n"
                .formatted(
                    r == f.hub() ? "hub" : "sim",
                    r.pid(),
                    r.peakRssMiB(),
                    r.meanCpuPercent(),
                    r.peakCpuPercent()));
      }
    }
    for (PropagationTracker.Propagation c : f.commits()) {
      sb.append(
          "commit %s reached %,d of %,d online clusters; seconds to %s%n"
              .formatted(abbreviate(c.revision()), c.reached(), c.online(), c.secondsTo()));
    }
    if (f.storm() != null) {
      sb.append(
          "storm: %,d clusters, %,d converged, seconds to converge: %s%n"
              .formatted(
                  f.storm().clusters(), f.storm().converged(), f.storm().secondsToConverge()));
    }
    return sb.toString();
  }

  private static String abbreviate(String revision) {
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
