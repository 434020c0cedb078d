package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.testkit.git.GitRepo;
import dev.flotilla.testkit.net.FlakyLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hub process and agent processes on in-memory clusters (whose objects they write to files), each
 * agent reaching the hub through its own {@link FlakyLink}; for rollout tests. Bundle "web" is a
 * ConfigMap whose {@code greeting} shows which revision a cluster runs, and a Deployment.
 */
final class ProcessFleet implements AutoCloseable {
  private final Path dir;
  final GitRepo repo;
  private final List<FlotillaProcess> processes = new ArrayList<>();
  final Map<String, FlakyLink> links = new LinkedHashMap<>();
  private FlotillaProcess hub;
  private int hubPort;
  private String token;

  ProcessFleet(Path dir) throws IOException {
    this.dir = dir;
    this.repo = GitRepo.init(dir.resolve("repo"), "main");
  }

  Path adminConf() {
    return dir.resolve("hub").resolve("admin.conf");
  }

  /** Starts (or restarts, on the same data directory and port) the hub. */
  void startHub() throws Exception {
    Files.deleteIfExists(adminConf());
    hub =
        start(
            "hub",
            "hub",
            "--data-dir",
            dir.resolve("hub").toString(),
            "--listen",
            "127.0.0.1:" + hubPort,
            "--source",
            repo.url(),
            "--path",
            "bundles",
            "--source-interval",
            "1s",
            "--poll-interval",
            "2s",
            "--offline-after",
            "8s");
    await("the hub writes admin.conf")
        .atMost(Duration.ofSeconds(90))
        .until(() -> Files.exists(adminConf()));
    hubPort = URI.create(AdminConf.read(adminConf()).hub()).getPort();
    if (token == null) {
      FlotillaProcess.Result created =
          FlotillaProcess.run(
              dir, "token", "create", "--config", adminConf().toString(), "--labels", "tier=edge");
      assertThat(created.exitCode()).as(created.stderr()).isZero();
      token = created.stdout().strip();
    }
  }

  void stopHub() throws InterruptedException {
    hub.close();
    processes.remove(hub);
  }

  /** Starts an agent with {@code labels}; {@code failing}: images its cluster cannot run. */
  void startAgent(String name, String labels, Optional<String> failing) throws Exception {
    FlakyLink link = new FlakyLink(new InetSocketAddress("127.0.0.1", hubPort));
    links.put(name, link);
    List<String> args =
        new ArrayList<>(
            List.of(
                "agent",
                "--hub",
                "https://127.0.0.1:" + link.port(),
                "--token",
                token,
                "--data-dir",
                dir.resolve(name).toString(),
                "--name",
                name,
                "--labels",
                labels,
                "--long-poll",
                "3s",
                "--in-memory-cluster",
                snapshot(name).toString()));
    failing.ifPresent(
        f -> {
          args.add("--in-memory-failing-image");
          args.add(f);
        });
    start(name, args.toArray(String[]::new));
  }

  AdminClient admin() {
    return new AdminClient(AdminConf.read(adminConf()));
  }

  Optional<RolloutView> rollout(String bundle) {
    try (AdminClient c = admin()) {
      return Optional.of(c.get("/v1/admin/rollouts/" + bundle, RolloutView.class));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Waits for the rollout of {@code revision} to reach {@code phase}. */
  RolloutView awaitRollout(String revision, String phase) {
    await("the rollout of " + revision.substring(0, 7) + " is " + phase)
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                rollout("web")
                    .filter(r -> r.revision().equals(revision) && r.phase().equals(phase))
                    .isPresent());
    return rollout("web").orElseThrow();
  }

  FlotillaProcess.Result cli(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(adminConf().toString());
    return FlotillaProcess.run(dir, all.toArray(String[]::new));
  }

  void awaitGreeting(String cluster, String greeting) {
    await(cluster + " runs '" + greeting + "'")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> greeting(cluster).equals(Optional.of(greeting)));
  }

  /** The {@code greeting} of ConfigMap {@code web-config} in a cluster's snapshot. */
  Optional<String> greeting(String cluster) throws IOException {
    Path file = snapshot(cluster);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<Map<String, Object>> objects =
        Json.mapper()
            .readValue(Files.readAllBytes(file), new TypeReference<List<Map<String, Object>>>() {});
    for (Map<String, Object> o : objects) {
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) o.get("metadata");
      if ("ConfigMap".equals(o.get("kind")) && "web-config".equals(meta.get("name"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) o.get("data");
        return Optional.ofNullable((String) data.get("greeting"));
      }
    }
    return Optional.empty();
  }

  /** Commits bundle "web" with a greeting, an image, and a {@code rollout:} block. */
  String commit(String greeting, String image, String rollout) throws IOException {
    repo.write(
        "bundles/web/bundle.yaml",
        "namespace: apps\ntargets:\n  - selector: {matchLabels: {tier: edge}}\n" + rollout);
    repo.write("bundles/web/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n");
    repo.write(
        "bundles/web/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  greeting: "
            + greeting
            + "\n");
    repo.write(
        "bundles/web/deploy.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: "%s"}]}
        """
            .formatted(image));
    return repo.commit(greeting);
  }

  private Path snapshot(String name) {
    return dir.resolve(name + "-objects.json");
  }

  private FlotillaProcess start(String logName, String... args) throws IOException {
    FlotillaProcess p = FlotillaProcess.start(dir.resolve("logs").resolve(logName + ".log"), args);
    processes.add(p);
    return p;
  }

  String hubLog() {
    return hub.log();
  }

  @Override
  public void close() throws Exception {
    for (FlotillaProcess p : processes) {
      p.close();
    }
    for (FlakyLink l : links.values()) {
      l.close();
    }
    repo.close();
  }
}
