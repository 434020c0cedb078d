import dev.flotilla.agent.hub.DesiredPoll;
import dev.flotilla.cli.AdminClient;
import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.testkit.fleet.ProtocolAgent;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes on the wire for one cluster (run by bench/wire.sh). A hub (in this JVM, SQLite) serves a
 * fleet repository; one cluster speaks the real agent protocol (the agent's own HubClient, JDK HTTP
 * client, TLS 1.3, client certificate) through a counting TCP proxy. Everything is measured on one
 * persistent connection after a warm-up, so the TLS handshake is excluded and the TLS record
 * overhead (22 bytes per record) is included. Then the same change is fetched with `git fetch`
 * (git:// through the same kind of proxy, no TLS) for comparison.
 */
public class WireBench {
  static final Facts FACTS = new Facts("arm64", 3800, "v1.30.4+k3s1", "k3s", List.of(), 1, "bench");

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("flotilla-wire-");
    try {
      run(dir, args.length > 0 ? Integer.parseInt(args[0]) : 20);
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void run(Path dir, int rounds) throws Exception {
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    Fleet.write(repo, "30s");
    repo.commit("fleet");
    HubConfig config =
        HubConfig.defaults(dir.resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
            .withSource(new SourceSpec("fleet", repo.url(), "main", "fleet"))
            .withIntervals(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
    try (Hub hub =
            Hub.start(
                config,
                KustomizeBundleRenderer.withDefaults(),
                RolloutGate.ALL_AT_ONCE,
                Clock.systemUTC());
        CountingProxy proxy = new CountingProxy(new InetSocketAddress("127.0.0.1", hub.port()))) {
      hub.fleetLoop().pollNow().get(60, TimeUnit.SECONDS);
      String token;
      AdminConf conf = AdminConf.read(hub.adminConf());
      try (AdminClient admin = new AdminClient(conf)) {
        token =
            admin.post(
                    "/v1/admin/tokens",
                    new CreateToken(Map.of(), 1, "1h", "wire bench"),
                    CreatedToken.class)
                .token();
      }
      String url = "https://127.0.0.1:" + proxy.port();
      ProtocolAgent enrolled =
          ProtocolAgent.enroll(
              url, token, "eu-west-rpi4-001",
              Labels.of("tier", "edge", "region", "eu-west", "model", "rpi4"), FACTS);
      ProtocolAgent agent = enrolled;
      // warm-up on the connection the measurements use: first document, blobs, a report, a 304
      agent.poll(Duration.ZERO);
      Map<String, String> have = new HashMap<>();
      for (DesiredBundle b : agent.document().orElseThrow().bundles()) {
        agent.blob(Digest.parse(b.digest()));
        have.put(b.name(), b.digest());
      }
      agent.reportApplied();
      agent.poll(Duration.ZERO);
      agent.poll(Duration.ZERO);

      int connections = proxy.connections();
      Sample unchanged = new Sample();
      for (int i = 0; i < rounds; i++) {
        Snapshot before = proxy.snapshot();
        DesiredPoll p = agent.poll(Duration.ZERO);
        if (!(p instanceof DesiredPoll.NotModified)) {
          throw new IllegalStateException("expected a 304, got " + p);
        }
        unchanged.add(proxy.snapshot().minus(before));
      }

      Fleet.write(repo, "15s");
      String commit = repo.commit("telemetry: report every 15s");
      hub.fleetLoop().pollNow().get(60, TimeUnit.SECONDS);
      Snapshot before = proxy.snapshot();
      DesiredPoll changed = agent.poll(Duration.ZERO);
      if (!(changed instanceof DesiredPoll.Changed)) {
        throw new IllegalStateException("expected a new document after the commit, got " + changed);
      }
      Snapshot doc = proxy.snapshot().minus(before);
      before = proxy.snapshot();
      int blobs = 0;
      for (DesiredBundle b : agent.document().orElseThrow().bundles()) {
        if (!b.digest().equals(have.get(b.name()))) {
          agent.blob(Digest.parse(b.digest()));
          blobs++;
        }
      }
      Snapshot blob = proxy.snapshot().minus(before);
      before = proxy.snapshot();
      agent.reportApplied();
      Snapshot after = proxy.snapshot().minus(before);
      if (proxy.connections() != connections) {
        throw new IllegalStateException(
            "the client opened a new connection during the measurement: handshakes would be counted");
      }
      agent.close();

      GitFetch git = GitFetch.measure(dir, repo, () -> {
        Fleet.write(repo, "5s");
        return repo.commit("telemetry: report every 5s");
      });

      System.out.printf("Bytes on the wire for one cluster (commit %s changes one line of one bundle)%n",
          commit.substring(0, 7));
      System.out.println("TLS 1.3 records included, handshake excluded: one persistent connection.");
      System.out.println();
      System.out.printf("  %-46s %8s %9s %7s  %s%n", "", "request", "response", "total", "goal");
      row("unchanged check-in (conditional GET, 304)", unchanged.avg(), "<= 600 B");
      row("one-line change: desired document (200)", doc, "");
      row("one-line change: " + blobs + " changed blob(s), gzip", blob, "");
      row("one-line change: document + blob", doc.plus(blob), "<= 2048 B");
      row("status report after applying (2 bundles)", after, "");
      System.out.println();
      System.out.printf("  %-46s %8s %9s %7d%n", "git fetch, nothing new (git://, no TLS)", "", "",
          git.unchanged());
      System.out.printf("  %-46s %8s %9s %7d%n", "git fetch of a one-line change (git://, no TLS)", "",
          "", git.change());
    }
  }

  static void row(String what, Snapshot s, String goal) {
    System.out.printf("  %-46s %8d %9d %7d  %s%n", what, s.up(), s.down(), s.up() + s.down(), goal);
  }

  record Snapshot(long up, long down) {
    Snapshot minus(Snapshot o) {
      return new Snapshot(up - o.up, down - o.down);
    }

    Snapshot plus(Snapshot o) {
      return new Snapshot(up + o.up, down + o.down);
    }
  }

  static final class Sample {
    long up;
    long down;
    int n;

    void add(Snapshot s) {
      up += s.up();
      down += s.down();
      n++;
    }

    Snapshot avg() {
      return new Snapshot(Math.round((double) up / n), Math.round((double) down / n));
    }
  }

  /** `git fetch` through a counting proxy from `git daemon`, before and after one commit. */
  record GitFetch(long unchanged, long change) {
    interface Change {
      String commit() throws Exception;
    }

    static GitFetch measure(Path dir, GitRepo repo, Change change) throws Exception {
      Path served = dir.resolve("served");
      Files.createDirectories(served);
      git(dir, "clone", "-q", "--bare", repo.dir().toString(), served.resolve("fleet.git").toString());
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Process daemon =
          new ProcessBuilder(
                  "git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                  "--port=" + port, "--base-path=" + served, served.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("git-daemon.log").toFile())
              .start();
      try (CountingProxy proxy = new CountingProxy(new InetSocketAddress("127.0.0.1", port))) {
        String url = "git://127.0.0.1:" + proxy.port() + "/fleet.git";
        for (int i = 0; ; i++) {
          try {
            git(dir, "clone", "-q", url, dir.resolve("clone").toString());
            break;
          } catch (IOException e) {
            if (i > 50) {
              throw e;
            }
            Thread.sleep(100); // git daemon is still starting
          }
        }
        Snapshot before = proxy.snapshot();
        git(dir.resolve("clone"), "fetch", "-q", "origin");
        Snapshot nothing = proxy.snapshot().minus(before);
        String commit = change.commit();
        git(served.resolve("fleet.git"), "fetch", "-q", repo.dir().toString(), "+main:main");
        before = proxy.snapshot();
        git(dir.resolve("clone"), "fetch", "-q", "origin");
        Snapshot fetched = proxy.snapshot().minus(before);
        String got = git(dir.resolve("clone"), "rev-parse", "origin/main").strip();
        if (!got.equals(commit)) {
          throw new IllegalStateException("git fetch did not get " + commit + ", got " + got);
        }
        return new GitFetch(nothing.up() + nothing.down(), fetched.up() + fetched.down());
      } finally {
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);
      }
    }

    static String git(Path cwd, String... args) throws Exception {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "protocol.version=2"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + ": " + out);
      }
      return out;
    }
  }

  /** The bench's fleet: the demo's telemetry bundle (base + region and model overlays) and a gateway. */
  static final class Fleet {
    static void write(GitRepo repo, String interval) throws IOException {
      repo.write("fleet/telemetry/bundle.yaml", """
          name: telemetry
          namespace: telemetry
          render:
            kustomize: base
          overlays:
            - overlays/region/${region}
            - overlays/model/${model}
          targets:
            - selector: {matchLabels: {tier: edge}}
          """);
      repo.write("fleet/telemetry/base/kustomization.yaml", """
          apiVersion: kustomize.config.k8s.io/v1beta1
          kind: Kustomization
          resources: [namespace.yaml, config.yaml, collector.yaml]
          """);
      repo.write("fleet/telemetry/base/namespace.yaml",
          "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: telemetry\n");
      repo.write("fleet/telemetry/base/config.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: collector-config
            namespace: telemetry
          data:
            interval: "%s"
            endpoint: https://ingest.example.com
          """.formatted(interval));
      repo.write("fleet/telemetry/base/collector.yaml", """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: collector
            namespace: telemetry
            labels: {app: collector}
          spec:
            replicas: 1
            selector:
              matchLabels: {app: collector}
            template:
              metadata:
                labels: {app: collector}
              spec:
                containers:
                  - name: collector
                    image: ghcr.io/flotilla-demo/collector:1.4.0
                    envFrom:
                      - configMapRef: {name: collector-config}
                    resources:
                      requests: {cpu: 50m, memory: 64Mi}
                      limits: {memory: 128Mi}
          """);
      repo.write("fleet/telemetry/overlays/region/eu-west/kustomization.yaml", """
          apiVersion: kustomize.config.k8s.io/v1alpha1
          kind: Component
          patches:
            - target: {kind: ConfigMap, name: collector-config}
              patch: |-
                - op: replace
                  path: /data/endpoint
                  value: https://ingest.eu-west.example.com
          """);
      repo.write("fleet/telemetry/overlays/model/rpi4/kustomization.yaml", """
          apiVersion: kustomize.config.k8s.io/v1alpha1
          kind: Component
          patches:
            - target: {kind: Deployment, name: collector}
              patch: |-
                - op: add
                  path: /spec/template/spec/nodeSelector
                  value: {kubernetes.io/arch: arm64}
          """);
      repo.write("fleet/edge-gateway/bundle.yaml", """
          name: edge-gateway
          namespace: edge
          dependsOn: [telemetry]
          targets:
            - selector: {matchLabels: {tier: edge}}
          """);
      repo.write("fleet/edge-gateway/gateway.yaml", """
          apiVersion: v1
          kind: Namespace
          metadata:
            name: edge
          ---
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: gateway
          spec:
            replicas: 1
            selector:
              matchLabels: {app: gateway}
            template:
              metadata:
                labels: {app: gateway}
              spec:
                containers:
                  - name: gateway
                    image: ghcr.io/flotilla-demo/gateway:2.1.0
          """);
    }
  }

  /** A TCP proxy on a loopback port that counts bytes each way and connections. */
  static final class CountingProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();

    CountingProxy(InetSocketAddress target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::accept);
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    /** Waits until the byte counts are still, then reads them (the pumps run on other threads). */
    Snapshot snapshot() throws InterruptedException {
      Snapshot last = new Snapshot(-1, -1);
      while (true) {
        Thread.sleep(50);
        Snapshot now = new Snapshot(up.get(), down.get());
        if (now.equals(last)) {
          return now;
        }
        last = now;
      }
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket();
          upstream.connect(target, 5_000);
          connections.incrementAndGet();
          Thread.ofVirtual().start(() -> pump(client, upstream, up));
          Thread.ofVirtual().start(() -> pump(upstream, client, down));
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          counter.addAndGet(n);
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // a side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
