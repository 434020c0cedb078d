import dev.flotilla.agent.hub.DesiredPoll;
import dev.flotilla.cli.AdminClient;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.fleet.ProtocolAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The hub-scale bench's unchanged check-ins: enrolled clusters polling documents they have. */
final class HubScaleCheckIns {
  private HubScaleCheckIns() {}

  /** Enrolls {@code agents} clusters, then polls unchanged documents from {@code threads}. */
  static void run(HubScaleProcess hub, int agents, int threads, int seconds) throws Exception {
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
            Labels.of("tier", "edge", "region", HubScaleBench.REGIONS[n % 5], "model", HubScaleBench.MODELS[n % 4]), HubScaleBench.FACTS);
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
        + " their first documents in %.1f s%n", agents, HubScaleBench.secs(t0));
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
        100 * notModified / Math.max(1, all.size()), HubScaleBench.pct(all, 0.50), HubScaleBench.pct(all, 0.99));
    double background = idlePerSecond * seconds;
    System.out.printf("hub CPU per unchanged check-in: %.0f us (%.1f s of CPU in %d s, of which"
        + " %.1f s is what the hub spends without check-ins, measured over 5 s before; the client"
        + " threads share the 2 cores)%n",
        1000.0 * (hubCpu - background) / Math.max(1, all.size()), hubCpu / 1000.0, seconds,
        background / 1000.0);
    enrolled.forEach(ProtocolAgent::close);
  }
}
