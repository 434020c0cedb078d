package dev.flotilla.cli.security;

import dev.flotilla.agent.Agent;
import dev.flotilla.agent.AgentConfig;
import dev.flotilla.agent.sync.SyncSettings;
import dev.flotilla.cli.AdminClient;
import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.StatusEvent;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.git.GitRepo;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A real hub (loopback HTTPS, SQLite, manual clock, a Git source) and real agents on in-memory
 * clusters, each driven one step at a time with its own manual clock.
 */
final class EdgeFixture implements AutoCloseable {
  static final SyncSettings SYNC =
      SyncSettings.DEFAULT.withLongPoll(Duration.ZERO).withMaxBackoff(Duration.ofSeconds(2));

  final ManualClock hubClock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  final GitRepo repo;
  final Hub hub;
  final AdminClient admin;
  private final Path dir;
  private final List<AutoCloseable> closing = new ArrayList<>();

  EdgeFixture(Path dir) throws Exception {
    this.dir = dir;
    repo = GitRepo.init(dir.resolve("repo"), "main");
    repo.write(
        "fleet/app/bundle.yaml",
        "namespace: apps\ntargets:\n  - selector: {matchLabels: {tier: edge}}\n");
    repo.write(
        "fleet/app/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n");
    repo.write("fleet/app/config.yaml", configMap("settings", "v1"));
    repo.commit("first");
    hub =
        Hub.start(
            HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
                .withSource(new SourceSpec("fleet", repo.url(), "main", "fleet")),
            KustomizeBundleRenderer.withDefaults(),
            RolloutGate.ALL_AT_ONCE,
            hubClock);
    hub.fleetLoop().pollNow().get();
    admin = new AdminClient(AdminConf.read(hub.adminConf()));
  }

  static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\ndata:\n  value: "
        + value
        + "\n";
  }

  String token() {
    return admin
        .post("/v1/admin/tokens", new CreateToken(Map.of(), 10, "1h", "test"), CreatedToken.class)
        .token();
  }

  /** A commit the hub has fetched and distributed. */
  void commit(String path, String content) throws Exception {
    repo.write(path, content);
    repo.commit("change " + path);
    hub.fleetLoop().pollNow().get();
  }

  /** An edge site: an in-memory cluster and an agent on it with its own clock. */
  final class Site {
    final String name;
    final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final InMemoryCluster cluster;
    final Agent agent;

    Site(String name, String token) throws Exception {
      this.name = name;
      cluster = InMemoryCluster.builder().name(name).build();
      agent =
          Agent.open(
              new AgentConfig(
                  hub.url(),
                  Optional.of(token),
                  dir.resolve("sites").resolve(name),
                  name,
                  Labels.of("tier", "edge"),
                  Optional.empty(),
                  SYNC),
              cluster,
              clock,
              d -> clock.advance(d),
              new Random(1));
      closing.add(agent);
    }

    /** Runs agent steps, advancing its clock by each wait, {@code n} times. */
    void steps(int n) throws Exception {
      for (int i = 0; i < n; i++) {
        Duration wait = agent.step();
        clock.advance(wait.isZero() ? Duration.ofMillis(1) : wait);
      }
    }

    Optional<String> configValue(String name) {
      return cluster.objects().stream()
          .filter(o -> o.kind().equals("ConfigMap") && o.name().equals(name))
          .map(KubeObject::body)
          .map(b -> String.valueOf(((Map<?, ?>) b.get("data")).get("value")))
          .findFirst();
    }

    /** Events not yet delivered to the hub, by type. */
    List<StatusEvent> pendingEvents(String type) {
      return agent.status().nextReport().events().stream()
          .filter(e -> e.type().equals(type))
          .toList();
    }
  }

  Site site(String name) throws Exception {
    return new Site(name, token());
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    admin.close();
    hub.close();
    repo.close();
  }
}
