package dev.flotilla.cli;

import dev.flotilla.agent.Agent;
import dev.flotilla.agent.AgentConfig;
import dev.flotilla.agent.apply.Sleeper;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.fabric8.Fabric8Cluster;
import dev.flotilla.agent.sync.SyncSettings;
import dev.flotilla.model.DurationText;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.kube.WorkloadSimulator;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla agent}: keep this cluster at the hub's desired state, online or not. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "Run the edge agent: pull desired state from the hub, apply it, keep it applied offline.")
final class AgentCommand implements Callable<Integer> {
  @Option(
      names = "--hub",
      required = true,
      paramLabel = "URL",
      description = "the hub's https:// URL")
  String hub;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "bootstrap token (needed on first start only); default: $FLOTILLA_TOKEN")
  String token;

  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "DIR",
      description = "local store: sealed state and its key")
  Path dataDir;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "kubeconfig of the cluster to manage (default: in-cluster service account, else $KUBECONFIG, else ~/.kube/config)")
  Path kubeconfig;

  @Option(names = "--name", description = "cluster name (default: host name)")
  String name;

  @Option(
      names = "--labels",
      paramLabel = "k=v,...",
      description = "labels to ask for at enrollment")
  String labels;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "existing 32-byte key, readable by its owner only, sealing the local store (default: <data-dir>/key, created 0600)")
  Path keyFile;

  @Option(
      names = "--long-poll",
      defaultValue = "30s",
      description =
          "how long a poll may wait at the hub; 0s for plain polls (default: ${DEFAULT-VALUE})")
  String longPoll;

  @Option(
      names = "--drift-interval",
      defaultValue = "5m",
      description =
          "how often to find and undo changes made behind Flotilla's back (default: ${DEFAULT-VALUE})")
  String driftInterval;

  /**
   * For process-level tests: manage an in-memory cluster instead of a real one, and write its
   * objects to FILE whenever they change. Hidden: never for production.
   */
  @Option(names = "--in-memory-cluster", hidden = true, paramLabel = "FILE")
  Path inMemorySnapshot;

  /**
   * For process-level tests, with {@code --in-memory-cluster}: workloads whose image contains TEXT
   * fail (as a Deployment that exceeds its progress deadline). Hidden: never for production.
   */
  @Option(names = "--in-memory-failing-image", hidden = true, paramLabel = "TEXT")
  String failingImage;

  @Override
  public Integer call() throws Exception {
    SyncSettings sync =
        SyncSettings.DEFAULT
            .withLongPoll(DurationText.parse(longPoll))
            .withDriftInterval(DurationText.parse(driftInterval));
    String tok = token != null ? token : System.getenv("FLOTILLA_TOKEN");
    AgentConfig config =
        new AgentConfig(
            hub,
            Optional.ofNullable(tok),
            dataDir,
            name != null ? name : hostName(),
            Labels.parse(labels),
            Optional.ofNullable(keyFile),
            sync);
    try (KubeCluster cluster = connect();
        Agent agent = Agent.open(config, cluster, Clock.systemUTC(), Sleeper.REAL, new Random())) {
      Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
      agent.run();
    }
    return 0;
  }

  private KubeCluster connect() {
    if (inMemorySnapshot != null) {
      return SnapshottingCluster.start(
          inMemorySnapshot,
          failingImage == null
              ? WorkloadSimulator.readyAtOnce()
              : WorkloadSimulator.failing(WorkloadSimulator.imageContains(failingImage)));
    }
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new IllegalArgumentException(
            "--kubeconfig " + kubeconfig + " is not a readable file");
      }
      return Fabric8Cluster.fromKubeconfig(kubeconfig);
    }
    if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      return Fabric8Cluster.inCluster();
    }
    String env = System.getenv("KUBECONFIG");
    Path file =
        env != null && !env.isBlank()
            ? Path.of(env.split(":")[0])
            : Path.of(System.getProperty("user.home"), ".kube", "config");
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "no Kubernetes API to manage: not in a cluster, and "
              + file
              + " is not readable; pass --kubeconfig");
    }
    return Fabric8Cluster.fromKubeconfig(file);
  }

  private static String hostName() {
    try {
      String h = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
      int dot = h.indexOf('.');
      return (dot > 0 ? h.substring(0, dot) : h).replaceAll("[^a-z0-9-]", "-");
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read the host name; pass --name");
    }
  }
}
