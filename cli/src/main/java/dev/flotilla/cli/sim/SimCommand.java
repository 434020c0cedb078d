package dev.flotilla.cli.sim;

import dev.flotilla.model.DurationText;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.protocol.sign.SigningKeys;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla sim --hub URL --identities DIR}: simulated agents for load and fault tests. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    subcommands = MintCommand.class,
    description = {
      "Run simulated agents against a hub for load and fault tests: each speaks the real agent"
          + " protocol over mutual TLS with its own identity (see `flotilla sim mint`).",
      "Prints progress and figures; writes figures.json, figures.csv and progress.csv to"
          + " --results."
    })
public final class SimCommand implements Callable<Integer> {
  @Option(names = "--hub", paramLabel = "URL", description = "the hub, https://HOST:PORT")
  String hub;

  @Option(
      names = "--identities",
      paramLabel = "DIR",
      description = "identities minted by `flotilla sim mint --out DIR`")
  Path identities;

  @Option(
      names = "--token",
      paramLabel = "T",
      description =
          "enroll --clusters N clusters through the register endpoint with this bootstrap token"
              + " first (small runs), into --identities (default: a temporary directory)")
  String token;

  @Option(
      names = "--clusters",
      paramLabel = "N",
      description = "simulate the first N identities (default: all)")
  Integer clusters;

  @Option(
      names = "--check-in",
      defaultValue = "5m",
      description = "check-in interval (default: ${DEFAULT-VALUE})")
  String checkIn;

  @Option(
      names = "--long-poll",
      defaultValue = "0s",
      description =
          "hold each poll this long (?wait=); 0s: plain conditional polls (default: ${DEFAULT-VALUE})")
  String longPoll;

  @Option(
      names = "--connections",
      defaultValue = "2000",
      paramLabel = "C",
      description = "open connections at most (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(
      names = "--offline",
      defaultValue = "0",
      description = "fraction of clusters that stay offline")
  double offline;

  @Option(
      names = "--flap",
      defaultValue = "0",
      description = "probability a check-in finds its link down")
  double flap;

  @Option(
      names = "--failing",
      defaultValue = "0",
      description = "fraction of clusters whose apply fails")
  double failing;

  @Option(
      names = "--storm-at",
      description = "start of a reconnect storm, from the start of the run")
  String stormAt;

  @Option(
      names = "--storm-clusters",
      defaultValue = "0",
      paramLabel = "M",
      description = "clusters in the storm")
  int stormClusters;

  @Option(
      names = "--storm-within",
      defaultValue = "10s",
      description = "the storm's window (default: ${DEFAULT-VALUE})")
  String stormWithin;

  @Option(
      names = "--duration",
      defaultValue = "10m",
      description = "length of the run (default: ${DEFAULT-VALUE})")
  String duration;

  @Option(
      names = "--warm-up",
      defaultValue = "0s",
      description =
          "figures count from this long after the start (first documents, JIT); default:"
              + " ${DEFAULT-VALUE}")
  String warmUp;

  @Option(
      names = "--progress",
      defaultValue = "10s",
      description = "progress line every (default: ${DEFAULT-VALUE})")
  String progress;

  @Option(
      names = "--session-cache",
      paramLabel = "N",
      description = "TLS sessions kept for resumption (default: one per cluster)")
  Integer sessionCache;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed of jitter and faults (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--hub-pid",
      paramLabel = "PID",
      description =
          "the hub's process, for RSS and CPU (default: the one listening on the hub's port)")
  Long hubPid;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      description = "where figures go (default: bench/results/sim-TIMESTAMP)")
  Path results;

  @Override
  public Integer call() throws Exception {
    if (hub == null || (identities == null && token == null)) {
      throw new IllegalArgumentException(
          "flotilla sim needs --hub URL and --identities DIR (mint them with `flotilla sim mint`)"
              + " or, for small runs, --token T --clusters N");
    }
    if (token != null) {
      if (clusters == null || clusters <= 0) {
        throw new IllegalArgumentException("--token needs --clusters N (how many to enroll)");
      }
      if (identities == null) {
        identities = Files.createTempDirectory("flotilla-sim-");
      }
      TokenEnroller.enroll(
          URI.create(hub),
          token,
          clusters,
          new LabelDistribution(
              LabelDistribution.parse("--regions", LabelDistribution.DEFAULT_REGIONS),
              LabelDistribution.parse("--models", LabelDistribution.DEFAULT_MODELS),
              seed),
          identities,
          System.out);
    }
    Path file = identities.resolve(IdentityFile.FILE_NAME);
    List<Identity> ids = IdentityFile.read(file, clusters == null ? Integer.MAX_VALUE : clusters);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no identities in " + file + ": mint some first");
    }
    if (clusters != null && ids.size() < clusters) {
      throw new IllegalArgumentException(
          "--clusters " + clusters + " but " + file + " holds only " + ids.size() + " identities");
    }
    URI uri = URI.create(hub);
    Path out =
        results != null
            ? results
            : Path.of(
                "bench/results/sim-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    SimSettings settings =
        new SimSettings(
            uri,
            identities,
            ids.size(),
            DurationText.parse(checkIn),
            DurationText.parse(longPoll),
            connections,
            new FaultModel(
                offline,
                flap,
                stormAt == null ? null : DurationText.parse(stormAt),
                stormClusters,
                DurationText.parse(stormWithin),
                seed),
            failing,
            DurationText.parse(duration),
            DurationText.parse(warmUp),
            DurationText.parse(progress),
            sessionCache == null ? Math.max(ids.size(), 1) : sessionCache,
            out);
    OptionalLong pid =
        hubPid != null ? OptionalLong.of(hubPid) : ProcessProbe.listeningOn(settings.port());
    SimRun run =
        new SimRun(
            settings,
            ids,
            Pem.certificate(Files.readString(identities.resolve("ca.crt"))),
            SigningKeys.decodePublic(Files.readString(identities.resolve("signing.pub")).strip()),
            pid.isPresent() ? Optional.of(new ProcessProbe(pid.getAsLong())) : Optional.empty(),
            System.out,
            Clock.systemUTC());
    Figures f = run.run();
    System.out.print(FiguresReport.summary(f));
    System.out.println("figures written to " + out.toAbsolutePath());
    return 0;
  }
}
