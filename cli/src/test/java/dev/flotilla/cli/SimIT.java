package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.cli.sim.Identity;
import dev.flotilla.cli.sim.IdentityFile;
import dev.flotilla.cli.sim.SimCommand;
import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.enroll.TokenIssuer;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The fleet simulator against a real hub (in process, HTTPS, SQLite): identities minted offline
 * from the hub's data directory, 50 simulated agents with their own client certificates, and a
 * commit that reaches all of them.
 */
class SimIT {
  private static final int CLUSTERS = 50;
  @TempDir Path dir;

  @Test
  void mintedClustersCheckInAndFollowACommit() throws Exception {
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    writeBundle(repo, "30s");
    repo.commit("sim bundle");
    HubConfig config =
        HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
            .withSource(new SourceSpec("fleet", repo.url(), "main", "fleet"))
            .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5));
    // first start creates the CA and the database; minting happens with the hub stopped
    Hub.start(config, Renderers.standard(), Clock.systemUTC()).close();
    Path identities = dir.resolve("identities");
    int minted =
        new CommandLine(new SimCommand())
            .execute(
                "mint",
                "--data-dir",
                dir.resolve("hub").toString(),
                "--clusters",
                Integer.toString(CLUSTERS),
                "--out",
                identities.toString());
    assertThat(minted).isZero();
    List<Identity> ids = IdentityFile.read(identities.resolve(IdentityFile.FILE_NAME), 1000);
    assertThat(ids).hasSize(CLUSTERS);

    try (Hub hub = Hub.start(config, Renderers.standard(), Clock.systemUTC())) {
      assertThat(hub.store().clusters().list().stream().map(ClusterRecord::name))
          .containsExactlyInAnyOrderElementsOf(ids.stream().map(Identity::name).toList());
      Path results = dir.resolve("results");
      CompletableFuture<Integer> sim =
          CompletableFuture.supplyAsync(
              () ->
                  new CommandLine(new SimCommand())
                      .execute(
                          "--hub",
                          hub.url(),
                          "--identities",
                          identities.toString(),
                          "--check-in",
                          "2s",
                          "--connections",
                          "20",
                          "--duration",
                          "40s",
                          "--progress",
                          "5s",
                          "--hub-pid",
                          Long.toString(ProcessHandle.current().pid()),
                          "--results",
                          results.toString()));
      await("every simulated cluster reports a status")
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  hub.store().clusters().list().stream().allMatch(c -> c.reportSeq() >= 1)
                      || sim.isDone());
      writeBundle(repo, "15s");
      repo.commit("report every 15s");
      assertThat(sim.get()).isZero();

      JsonNode figures = Json.mapper().readTree(results.resolve("figures.json").toFile());
      assertThat(figures.get("clustersSynced").asInt()).isEqualTo(CLUSTERS);
      assertThat(figures.get("latencyMs").get("desired_304").get("count").asLong()).isPositive();
      assertThat(figures.get("ratio304").asDouble()).isPositive();
      assertThat(figures.get("resumedHandshakes").asLong()).isPositive();
      assertThat(figures.get("wireBytesPerCheckIn").asDouble()).isPositive();
      JsonNode commits = figures.get("commits");
      assertThat(commits.size()).isGreaterThanOrEqualTo(1);
      JsonNode last = commits.get(commits.size() - 1);
      assertThat(last.get("reached").asInt()).isEqualTo(CLUSTERS);
      assertThat(last.get("secondsTo").get("p100").isNumber()).isTrue();
      assertThat(figures.get("hub").get("peakRssMiB").asDouble()).isPositive();
      assertThat(results.resolve("figures.csv")).exists();
      List<String> progress = Files.readAllLines(results.resolve("progress.csv"));
      assertThat(progress.get(0)).startsWith("seconds,check_ins,");
      assertThat(progress.subList(1, progress.size()))
          .as("a progress row every 5s of the 40s run, 11 fields each")
          .isNotEmpty()
          .allSatisfy(row -> assertThat(row.split(",")).hasSize(11));
    }
  }

  @Test
  void enrollsSmallFleetsWithABootstrapToken() throws Exception {
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    writeBundle(repo, "30s");
    repo.commit("sim bundle");
    HubConfig config =
        HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
            .withSource(new SourceSpec("fleet", repo.url(), "main", "fleet"))
            .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(5));
    try (Hub hub = Hub.start(config, Renderers.standard(), Clock.systemUTC())) {
      String token =
          new TokenIssuer(hub.store().tokens(), hub.pki().caPin(), Clock.systemUTC())
              .bootstrap(Labels.EMPTY, OptionalInt.of(5), Optional.empty(), "sim")
              .token()
              .encoded();
      Path identities = dir.resolve("enrolled");
      Path results = dir.resolve("results");
      int exit =
          new CommandLine(new SimCommand())
              .execute(
                  "--hub",
                  hub.url(),
                  "--token",
                  token,
                  "--clusters",
                  "5",
                  "--identities",
                  identities.toString(),
                  "--check-in",
                  "1s",
                  "--duration",
                  "8s",
                  "--results",
                  results.toString());
      assertThat(exit).isZero();
      assertThat(hub.store().clusters().list()).hasSize(5);
      assertThat(IdentityFile.read(identities.resolve(IdentityFile.FILE_NAME), 10)).hasSize(5);
      JsonNode figures = Json.mapper().readTree(results.resolve("figures.json").toFile());
      assertThat(figures.get("clustersSynced").asInt()).isEqualTo(5);
    }
  }

  private static void writeBundle(GitRepo repo, String interval) throws IOException {
    repo.write(
        "fleet/sim/bundle.yaml",
        """
        name: sim
        namespace: sim
        targets:
          - selector: {matchLabels: {tier: edge}}
        """);
    repo.write(
        "fleet/sim/config.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: sim-config
          namespace: sim
        data:
          interval: "%s"
        """
            .formatted(interval));
  }
}
