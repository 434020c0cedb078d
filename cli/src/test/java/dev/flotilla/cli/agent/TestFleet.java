package dev.flotilla.cli.agent;

import static org.awaitility.Awaitility.await;

import dev.flotilla.cli.AdminClient;
import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.hub.store.BundleStatusRecord;
import dev.flotilla.hub.store.EventRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real hub (Jetty, TLS, SQLite, the Kustomize renderer, its fleet loop on the system clock) over
 * a Git repository of two bundles: {@code telemetry} (Namespace, ConfigMap, Deployment) and {@code
 * gateway} (depends on telemetry; Namespace, Deployment, Service), both for {@code tier: edge}. The
 * namespaces are {@code <prefix>telemetry} and {@code <prefix>edge}.
 */
final class TestFleet implements AutoCloseable {
  final GitRepo repo;
  final Hub hub;
  final AdminClient admin;

  private TestFleet(GitRepo repo, Hub hub, AdminClient admin) {
    this.repo = repo;
    this.hub = hub;
    this.admin = admin;
  }

  static TestFleet start(Path dir) throws Exception {
    return start(dir, "", 1);
  }

  /**
   * @param prefix for the namespaces, so runs against a shared API server do not meet
   * @param replicas of the Deployments (0 where no kubelet runs pods: they are then ready)
   */
  static TestFleet start(Path dir, String prefix, int replicas) throws Exception {
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    writeBundles(repo, prefix, replicas);
    repo.commit("two bundles");
    HubConfig config =
        HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
            .withSource(new SourceSpec("fleet", repo.url(), "main", "fleet"))
            .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));
    Hub hub =
        Hub.start(
            config,
            KustomizeBundleRenderer.withDefaults(),
            RolloutGate.ALL_AT_ONCE,
            Clock.systemUTC());
    return new TestFleet(repo, hub, new AdminClient(AdminConf.read(hub.adminConf())));
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", hub.port());
  }

  String token() {
    return admin
        .post(
            "/v1/admin/tokens",
            new CreateToken(Map.of("tier", "edge"), 5, "1h", "offline test"),
            CreatedToken.class)
        .token();
  }

  ClusterId clusterId(String name) {
    return hub.store().clusters().byName(name).orElseThrow().id();
  }

  /** Every event the hub stored for the cluster, oldest first. */
  List<EventRecord> events(String cluster) {
    return hub.store().statuses().events(clusterId(cluster), 100_000).stream()
        .sorted(Comparator.comparingLong(EventRecord::seq))
        .toList();
  }

  List<BundleStatusRecord> bundles(String cluster) {
    return hub.store().statuses().ofCluster(clusterId(cluster));
  }

  /**
   * Steps the device's agent until the hub has both bundles ready and nothing is left to report.
   */
  void awaitConverged(EdgeDevice<?> device) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              device.step();
              return !device.agent().status().pending()
                  && device.agent().identity().isPresent()
                  && bundles(device.name).stream()
                          .filter(b -> b.health() == BundleStatus.Health.READY)
                          .count()
                      == 2;
            });
  }

  /** Steps the device's agent until its queue is empty: the hub acknowledged everything. */
  void awaitDrained(EdgeDevice<?> device) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              device.step();
              return device.agent().loop().orElseThrow().hubReachable()
                  && !device.agent().status().pending();
            });
  }

  @Override
  public void close() {
    admin.close();
    hub.close();
    repo.close();
  }

  private static void writeBundles(GitRepo repo, String prefix, int replicas) throws IOException {
    repo.write(
        "fleet/telemetry/bundle.yaml",
        """
        namespace: %stelemetry
        targets:
          - selector: {matchLabels: {tier: edge}}
        """
            .formatted(prefix));
    repo.write(
        "fleet/telemetry/manifests.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %stelemetry
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: collector-config
        data:
          interval: 30s
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: collector
        spec:
          replicas: %d
          selector:
            matchLabels: {app: collector}
          template:
            metadata:
              labels: {app: collector}
            spec:
              containers:
                - name: collector
                  image: ghcr.io/flotilla-test/collector:1.4.0
        """
            .formatted(prefix, replicas));
    repo.write(
        "fleet/gateway/bundle.yaml",
        """
        namespace: %sedge
        dependsOn: [telemetry]
        targets:
          - selector: {matchLabels: {tier: edge}}
        """
            .formatted(prefix));
    repo.write(
        "fleet/gateway/manifests.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %sedge
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: gateway
        spec:
          replicas: %d
          selector:
            matchLabels: {app: gateway}
          template:
            metadata:
              labels: {app: gateway}
            spec:
              containers:
                - name: gateway
                  image: ghcr.io/flotilla-test/gateway:2.1.0
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: gateway
        spec:
          selector: {app: gateway}
          ports:
            - port: 80
              targetPort: 8080
              protocol: TCP
        """
            .formatted(prefix, replicas == 0 ? 0 : replicas + 1));
  }
}
