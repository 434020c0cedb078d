package dev.flotilla.cli;

import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.api.LoadLimits;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.model.DurationText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla hub}: serve the fleet until stopped. */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    description = "Run the hub: render desired state from Git and serve it to agents over HTTPS.")
final class HubCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "DIR",
      description = "database (SQLite), keys, sources and admin.conf")
  Path dataDir;

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description =
          "jdbc:postgresql://… to share state between replicas (default: SQLite in --data-dir)")
  String db;

  @Option(
      names = "--listen",
      defaultValue = ":8443",
      paramLabel = "[HOST]:PORT",
      description = "HTTPS address (default: ${DEFAULT-VALUE})")
  String listen;

  @Option(
      names = "--source",
      paramLabel = "URL",
      description = "Git repository with bundles (https://, ssh://, file://, or a path)")
  String source;

  @Option(
      names = "--branch",
      defaultValue = "main",
      description = "branch of --source (default: ${DEFAULT-VALUE})")
  String branch;

  @Option(
      names = "--path",
      defaultValue = ".",
      description =
          "directory of --source to look for bundle.yaml in (default: the whole repository)")
  String path;

  @Option(
      names = "--source-name",
      defaultValue = "default",
      description = "name of --source (default: ${DEFAULT-VALUE})")
  String sourceName;

  @Option(
      names = "--source-interval",
      defaultValue = "15s",
      description = "how often sources are fetched (default: ${DEFAULT-VALUE})")
  String sourceInterval;

  @Option(
      names = "--poll-interval",
      defaultValue = "30s",
      description = "how often agents are told to come back (default: ${DEFAULT-VALUE})")
  String pollInterval;

  @Option(
      names = "--offline-after",
      defaultValue = "2m",
      description = "a cluster unseen this long is offline (default: ${DEFAULT-VALUE})")
  String offlineAfter;

  @Option(
      names = "--cert-ttl",
      defaultValue = "90d",
      description = "lifetime of cluster certificates (default: ${DEFAULT-VALUE})")
  String certTtl;

  @Option(
      names = "--tls-san",
      paramLabel = "NAME",
      description = "extra host name or IP for the server certificate (repeatable)")
  List<String> tlsSans = List.of();

  @Option(
      names = "--recovery-grace",
      paramLabel = "DURATION",
      defaultValue = "30d",
      description =
          "how long after its certificate expired an agent that was offline may still recover"
              + " with it, without a new token (0s: never; default: ${DEFAULT-VALUE})")
  String recoveryGrace;

  @Option(
      names = "--advertise-url",
      paramLabel = "URL",
      description = "URL written to admin.conf (default: from --listen)")
  String advertiseUrl;

  @Option(
      names = "--max-inflight",
      defaultValue = "256",
      paramLabel = "N",
      description =
          "agent requests handled at once before answering 429 (default: ${DEFAULT-VALUE})")
  int maxInFlight;

  @Option(
      names = "--max-long-polls",
      defaultValue = "20000",
      paramLabel = "N",
      description = "long-polls held at once before answering 429 (default: ${DEFAULT-VALUE})")
  int maxLongPolls;

  @Option(
      names = "--retry-after",
      defaultValue = "5s",
      description = "base of the Retry-After sent with 429 (default: ${DEFAULT-VALUE})")
  String retryAfter;

  @Override
  public Integer call() throws Exception {
    HubConfig config =
        new HubConfig(
            dataDir,
            Optional.ofNullable(db),
            ListenAddress.parse(listen),
            source == null
                ? Optional.empty()
                : Optional.of(new SourceSpec(sourceName, toUrl(source), branch, path)),
            DurationText.parse(sourceInterval),
            DurationText.parse(pollInterval),
            DurationText.parse(offlineAfter),
            DurationText.parse(certTtl),
            tlsSans,
            Optional.ofNullable(advertiseUrl),
            DurationText.parse(recoveryGrace),
            new LoadLimits(maxInFlight, maxLongPolls, DurationText.parse(retryAfter)),
            HubConfig.DEFAULT_LAST_SEEN_FLUSH);
    Hub hub = Hub.start(config, Renderers.standard(), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  hub.close();
                  stopped.countDown();
                },
                "hub-shutdown"));
    System.err.println("flotilla hub serving " + hub.url() + "; admin config: " + hub.adminConf());
    stopped.await();
    return 0;
  }

  /** A plain path is a local repository: JGit wants a file:// URL or an absolute path. */
  static String toUrl(String source) {
    if (source.contains("://") || source.contains("@")) {
      return source;
    }
    return Path.of(source).toAbsolutePath().normalize().toUri().toString();
  }
}
