import dev.flotilla.model.Facts;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.testkit.git.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hub at N registered clusters (run by bench/hub-scale.sh). Seeds N clusters straight into a
 * fresh hub database (JDBC batch inserts into the migrated schema; 5 regions x 4 device models, so
 * 20 distinct renders), then runs `flotilla hub` as a separate process and measures: start to
 * serving (/healthz) and to the first plan of every cluster; a commit planned and stored for all;
 * the hub's RSS after each; unchanged check-ins (conditional GETs answered 304) from a few hundred
 * enrolled clusters with real client certificates over persistent TLS connections; and a restart
 * (SIGTERM, start again) to serving and to the end of the start's re-plan. The hub process is
 * {@link HubScaleProcess}, the fleet repository {@link HubScaleFleet}, the check-ins
 * {@link HubScaleCheckIns}; bench/hub-scale.sh compiles the four files together.
 */
public class HubScaleBench {
  static final Facts FACTS = new Facts("arm64", 3800, "v1.30.4+k3s1", "k3s", List.of(), 1, "bench");
  static final String[] REGIONS = {"eu-west", "eu-north", "us-east", "us-west", "ap-south"};
  static final String[] MODELS = {"rpi4", "rpi5", "jetson", "nuc"};

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
    HubScaleFleet.write(repo, "30s");
    repo.commit("fleet");
    Path data = dir.resolve("hub");
    Files.createDirectories(data);
    // the hub under test creates its own schema (a hub of another version may be measured)
    HubScaleProcess empty = HubScaleProcess.start(jar, xmx, data, repo);
    empty.awaitHealthy();
    empty.stop();
    long t0 = System.nanoTime();
    seed(data.resolve("flotilla.db"), n);
    System.out.printf("seeded %,d clusters in %.1f s%n", n, secs(t0));

    HubScaleProcess hub = HubScaleProcess.start(jar, xmx, data, repo);
    double serving = hub.awaitHealthy();
    double planned = hub.awaitUpdated(1);
    System.out.printf("start with %,d clusters not planned yet: serving after %.1f s; every cluster planned, signed and stored"
        + " after %.1f s (%s); RSS %d MiB%n", n, serving, planned, hub.lastUpdate(), hub.rssMiB());

    HubScaleFleet.write(repo, "15s");
    repo.commit("telemetry: report every 15s");
    double committed = System.nanoTime() / 1e9;
    hub.awaitUpdated(2);
    System.out.printf("a commit changing every cluster's document: planned and stored %.1f s after"
        + " the commit (source polled every 1 s) (%s); RSS %d MiB%n",
        System.nanoTime() / 1e9 - committed, hub.lastUpdate(), hub.rssMiB());

    HubScaleCheckIns.run(hub, agents, threads, seconds);
    System.out.printf("RSS after the check-ins %d MiB%n", hub.rssMiB());

    hub.stop();
    hub = HubScaleProcess.start(jar, xmx, data, repo);
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

  static double pct(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1,
        Math.floor(p * sorted.size()))) / 1e6;
  }

  static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

}
