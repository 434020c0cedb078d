package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.protocol.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresReportTest {
  @TempDir Path dir;

  private Figures figures() {
    SimMetrics m = new SimMetrics();
    m.time(Call.DESIRED_304, 2_000_000);
    m.time(Call.DESIRED_304, 4_000_000);
    m.time(Call.DESIRED_200, 8_000_000);
    m.checkIn(true);
    m.checkIn(true);
    m.checkIn(true);
    m.checkIn(false);
    m.wire(3_000, 1_500);
    m.handshake(true);
    m.handshake(false);
    m.throttled(429);
    m.error("connect");
    PropagationTracker p = new PropagationTracker();
    p.sighted("a", null, 0);
    p.sighted("b", "a", 1_000_000_000L);
    return Figures.of(
        10,
        2,
        2,
        2,
        m,
        new Figures.Resources(42, 512, 80, 150),
        null,
        p.commits(2, 50, 100),
        new StormTracker.Outcome(1, 1, 3.5));
  }

  @Test
  void computesRatesRatiosAndBytesPerCheckIn() {
    Figures f = figures();
    assertThat(f.checkInsPerSecond()).isEqualTo(0.3);
    assertThat(f.ratio304()).isEqualTo(2 / 3.0);
    assertThat(f.wireBytesPerCheckIn()).isEqualTo(1_500.0);
    assertThat(f.latencyMs().get("desired_304").count()).isEqualTo(2);
    assertThat(f.latencyMs().get("desired_304").max()).isEqualTo(4.0);
  }

  @Test
  void writesCsvAndJsonThatReadBack() throws Exception {
    FiguresReport.write(figures(), dir);
    List<String> csv = Files.readAllLines(dir.resolve("figures.csv"));
    assertThat(csv.get(0)).isEqualTo("metric,value");
    assertThat(csv)
        .contains(
            "check_ins,3",
            "ratio_304,0.667",
            "http_429,1",
            "error_connect,1",
            "hub_peak_rss_mib,512.0",
            "commit_1_seconds_to_p50,0.0",
            "commit_1_seconds_to_p100,",
            "storm_seconds_to_converge,3.5");
    JsonNode json = Json.mapper().readTree(dir.resolve("figures.json").toFile());
    assertThat(json.get("checkIns").asLong()).isEqualTo(3);
    assertThat(json.get("commits").get(0).get("reached").asInt()).isEqualTo(1);
    assertThat(json.get("latencyMs").get("desired_200").get("p99").asDouble()).isEqualTo(8.0);
    assertThat(FiguresReport.summary(figures())).contains("304 ratio 0.667", "storm: 1 clusters");
  }

  @Test
  void parsesProcFiles() {
    ProcessSample s =
        ProcessSample.parse(
            "Name:\tjava\nVmRSS:\t  204800 kB\nThreads:\t40\n",
            "123 (java (hub)) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 40");
    assertThat(s).isEqualTo(new ProcessSample(204_800, 300));
    assertThat(s.cpuPercentSince(new ProcessSample(0, 100), 2)).isEqualTo(100.0);
    assertThat(Map.of()).isEmpty();
  }
}
