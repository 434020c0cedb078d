import dev.flotilla.agent.hub.DesiredPoll;
import dev.flotilla.cli.AdminClient;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.testkit.fleet.ProtocolAgent;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The hub at N registered clusters (run by bench/hub-scale.sh). Seeds N clusters straight into a
 * fresh hub database (JDBC batch inserts into the migrated schema; 5 regions x 4 device models, so
 * 20 distinct renders), then runs `flotilla hub` as a separate process and measures: start to
 * serving (/healthz) and to the first plan of every cluster; a commit planned and stored for all;
 * the hub's RSS after each; unchanged check-ins (conditional GETs answered 304) from a few hundred
 * enrolled clusters with real client certificates over persistent TLS connections; and a restart
 * (SIGTERM, start again) to serving and to the end of the start's re-plan.
 */
public class HubScaleBench {
  static final Facts FACTS = new Facts("arm64", 3800, "v1.30.4+k3s1", "k3s", List.of(), 1, "bench");
  static final String[] REGIONS = {"eu-west", "eu-north", "us-east", "us-west", "ap-south"};
  static final String[] MODELS = {"rpi4", "rpi5", "jetson", "nuc"};
  static final Pattern UPDATED = Pattern.compile("desired state updated: (\\d+) cluster document");

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new TreeMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String jar = opt.getOrDefault("hub-jar", "cli/target/flotilla-all.jar");
    int agents = Integer.parseInt(opt.getOrDefault("agents", "200"));
    int threads = Integer.parseInt(opt.getOrDefault("threads", "4"));
    int seconds = Integer.parseInt(opt.getOrDefault("seconds", "15"));
    String xmx = opt.getOrDefault("xmx", "");
    Path work = Files.createTempDirectory("flotilla-hub-scale-");
    try {
      for (String n : opt.getOrDefault("clusters", "100000").split(",")) {
        run(work, Integer.parseInt(n.strip()), jar, xmx, agents, threads, seconds);
      }
    } finally {
      try (var s = Files.walk(work)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void run(Path work, int n, String jar, String xmx, int agents, int threads, int seconds)
      throws Exception {
    System.out.printf("%n== %,d registered clusters (hub: %s%s) ==%n", n, jar,
        xmx.isEmpty() ? "" : ", -Xmx" + xmx);
    Path dir = work.resolve("n" + n);
    GitRepo repo = GitRepo.init(dir.resolve("repo"), "main");
    Fleet.write(repo, "30s");
    repo.commit("fleet");
    Path data = dir.resolve("hub");
    Files.createDirectories(data);
    // the hub under test creates its own schema (a hub of another version may be measured)
    HubProcess empty = HubProcess.start(jar, xmx, data, repo);
    empty.awaitHealthy();
    empty.stop();
    long t0 = System.nanoTime();
    seed(data.resolve("flotilla.db"), n);
    System.out.printf("seeded %,d clusters in %.1f s%n", n, secs(t0));

    HubProcess hub = HubProcess.start(jar, xmx, data, repo);
    double serving = hub.awaitHealthy();
    double planned = hub.awaitUpdated(1);
    System.out.printf("start with %,d clusters not planned yet: serving after %.1f s; every cluster planned, signed and stored"
        + " after %.1f s (%s); RSS %d MiB%n", n, serving, planned, hub.lastUpdate(), hub.rssMiB());

    Fleet.write(repo, "15s");
    repo.commit("telemetry: report every 15s");
    double committed = System.nanoTime() / 1e9;
    hub.awaitUpdated(2);
    System.out.printf("a commit changing every cluster's document: planned and stored %.1f s after"
        + " the commit (source polled every 1 s) (%s); RSS %d MiB%n",
        System.nanoTime() / 1e9 - committed, hub.lastUpdate(), hub.rssMiB());

    checkIns(hub, agents, threads, seconds);
    System.out.printf("RSS after the check-ins %d MiB%n", hub.rssMiB());

    hub.stop();
    hub = HubProcess.start(jar, xmx, data, repo);
    serving = hub.awaitHealthy();
    double ready = hub.awaitUpdated(1);
    System.out.printf("restart: serving after %.1f s; the start's re-plan of every cluster done after"
        + " %.1f s (%s); RSS %d MiB%n", serving, ready, hub.lastUpdate(), hub.rssMiB());
    hub.stop();
  }

  /** N clusters, inserted in batches into the migrated schema. */
  static void seed(Path db, int n) throws Exception {
    long now = System.currentTimeMillis();
    String facts = Json.writeString(FACTS);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA synchronous=OFF");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO clusters (id, name, labels, facts, created_at, last_seen, revoked,"
                  + " cert_serial, cert_expires, key_sha256, report_seq, event_seq)"
                  + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, '', 0, 0)")) {
        for (int i = 0; i < n; i++) {
          Map<String, String> labels = new TreeMap<>();
          labels.put("tier", "edge");
          labels.put("region", REGIONS[i % REGIONS.length]);
          labels.put("model", MODELS[(i / REGIONS.length) % MODELS.length]);
          ps.setString(1, "s-%09d".formatted(i));
          ps.setString(2, "edge-%09d".formatted(i));
          ps.setString(3, Json.writeString(labels));
          ps.setString(4, facts);
          ps.setLong(5, now);
          ps.setLong(6, now);
          ps.setString(7, Integer.toString(i + 1000));
          ps.setLong(8, now + Duration.ofDays(90).toMillis());
          ps.addBatch();
          if (i % 10_000 == 9_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  /** Enrolls {@code agents} clusters, then polls unchanged documents from {@code threads}. */
  static void checkIns(HubProcess hub, int agents, int threads, int seconds) throws Exception {
    String token;
    try (AdminClient admin = new AdminClient(AdminConf.read(hub.data.resolve("admin.conf")))) {
      token =
          admin.post("/v1/admin/tokens", new CreateToken(Map.of(), agents, "1h", "hub-scale bench"),
              CreatedToken.class).token();
    }
    long t0 = System.nanoTime();
    // concurrently, as a fleet enrolls: each registration waits for the cluster's first plan
    ExecutorService enrolling = Executors.newFixedThreadPool(32);
    List<Future<ProtocolAgent>> pending = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      int n = i;
      pending.add(enrolling.submit(() -> {
        ProtocolAgent a = ProtocolAgent.enroll(hub.url(), token, "bench-%04d".formatted(n),
            Labels.of("tier", "edge", "region", REGIONS[n % 5], "model", MODELS[n % 4]), FACTS);
        while (true) {
          try {
            a.poll(Duration.ZERO); // the document; its ETag for the conditional polls
            if (a.etag().isPresent()) {
              return a;
            }
          } catch (RuntimeException e) {
            // not planned yet (503): try again
          }
          Thread.sleep(500);
        }
      }));
    }
    List<ProtocolAgent> enrolled = new ArrayList<>();
    for (Future<ProtocolAgent> f : pending) {
      enrolled.add(f.get());
    }
    enrolling.shutdown();
    System.out.printf("enrolled %d clusters (real client certificates, 32 at a time) and fetched"
        + " their first documents in %.1f s%n", agents, secs(t0));
    // warm-up: every agent's connection is open and its TLS session established
    for (ProtocolAgent a : enrolled) {
      a.poll(Duration.ZERO);
    }
    long idleBefore = hub.cpuMillis();
    Thread.sleep(5_000);
    double idlePerSecond = (hub.cpuMillis() - idleBefore) / 5.0;
    long cpuBefore = hub.cpuMillis();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<long[]>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      results.add(pool.submit(() -> {
        long[] lat = new long[4_000_000];
        int count = 0;
        int notModified = 0;
        for (int i = first; System.nanoTime() < end; i += threads) {
          ProtocolAgent a = enrolled.get(i % enrolled.size());
          long s = System.nanoTime();
          DesiredPoll p = a.poll(Duration.ZERO);
          lat[count++] = System.nanoTime() - s;
          if (p instanceof DesiredPoll.NotModified) {
            notModified++;
          }
        }
        long[] out = Arrays.copyOf(lat, count + 1);
        out[count] = notModified;
        return out;
      }));
    }
    List<Long> all = new ArrayList<>();
    long notModified = 0;
    for (Future<long[]> f : results) {
      long[] r = f.get();
      for (int i = 0; i < r.length - 1; i++) {
        all.add(r[i]);
      }
      notModified += r[r.length - 1];
    }
    pool.shutdown();
    long hubCpu = hub.cpuMillis() - cpuBefore;
    all.sort(null);
    System.out.printf("unchanged check-ins: %,d in %d s = %,.0f/s from %d client threads over %d"
        + " clusters' connections; %d%% answered 304; latency p50 %.2f ms, p99 %.2f ms%n",
        all.size(), seconds, all.size() / (double) seconds, threads, agents,
        100 * notModified / Math.max(1, all.size()), pct(all, 0.50), pct(all, 0.99));
    double background = idlePerSecond * seconds;
    System.out.printf("hub CPU per unchanged check-in: %.0f us (%.1f s of CPU in %d s, of which"
        + " %.1f s is what the hub spends without check-ins, measured over 5 s before; the client"
        + " threads share the 2 cores)%n",
        1000.0 * (hubCpu - background) / Math.max(1, all.size()), hubCpu / 1000.0, seconds,
        background / 1000.0);
    enrolled.forEach(ProtocolAgent::close);
  }

  static double pct(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1,
        Math.floor(p * sorted.size()))) / 1e6;
  }

  static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** `flotilla hub` as a child process, its log in a file. */
  static final class HubProcess {
    final Process process;
    final Path data;
    final Path log;
    final int port;
    final long started = System.nanoTime();
    String lastUpdate = "";

    private HubProcess(Process process, Path data, Path log, int port) {
      this.process = process;
      this.data = data;
      this.log = log;
      this.port = port;
    }

    static HubProcess start(String jar, String xmx, Path data, GitRepo repo) throws IOException {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      if (!xmx.isEmpty()) {
        cmd.add("-Xmx" + xmx);
      }
      cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar, "hub",
          "--data-dir", data.toString(), "--listen", "127.0.0.1:" + port,
          "--source", repo.url(), "--path", "fleet", "--source-interval", "1s",
          "--poll-interval", "300s", "--offline-after", "15m"));
      Path log = data.resolve("hub-" + System.nanoTime() + ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new HubProcess(p, data, log, port);
    }

    String url() {
      return "https://127.0.0.1:" + port;
    }

    /** Seconds from process start until /healthz answers 200. */
    double awaitHealthy() throws Exception {
      HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
      while (true) {
        check();
        try {
          HttpResponse<Void> r = client.send(
              HttpRequest.newBuilder(URI.create(url() + "/healthz"))
                  .timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return secs(started);
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(50);
      }
    }

    /** Seconds from process start until the log has {@code count} "desired state updated" lines. */
    double awaitUpdated(int count) throws Exception {
      while (true) {
        check();
        Matcher m = UPDATED.matcher(Files.readString(log));
        int seen = 0;
        while (m.find()) {
          seen++;
          if (seen == count) {
            lastUpdate = m.group(1) + " documents changed";
            return secs(started);
          }
        }
        Thread.sleep(100);
      }
    }

    String lastUpdate() {
      return lastUpdate;
    }

    /** User + system CPU time of the hub process so far. */
    long cpuMillis() throws IOException {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      return ticks * 10; // USER_HZ = 100
    }

    long rssMiB() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
      return -1;
    }

    void check() throws IOException {
      if (!process.isAlive()) {
        throw new IllegalStateException("the hub exited with " + process.exitValue() + ":\n"
            + Files.readString(log));
      }
    }

    void stop() throws Exception {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  static SSLContext trustAll() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    }}, null);
    return ctx;
  }

  /** One bundle with a region overlay and a device-model overlay: 20 distinct renders. */
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
          resources: [config.yaml]
          """);
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
      for (String region : REGIONS) {
        repo.write("fleet/telemetry/overlays/region/" + region + "/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            patches:
              - target: {kind: ConfigMap, name: collector-config}
                patch: |-
                  - op: replace
                    path: /data/endpoint
                    value: https://ingest.%s.example.com
            """.formatted(region));
      }
      for (String model : MODELS) {
        repo.write("fleet/telemetry/overlays/model/" + model + "/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            patches:
              - target: {kind: ConfigMap, name: collector-config}
                patch: |-
                  - op: add
                    path: /data/model
                    value: %s
            """.formatted(model));
      }
    }
  }
}
