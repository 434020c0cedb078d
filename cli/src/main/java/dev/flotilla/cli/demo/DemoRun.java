package dev.flotilla.cli.demo;

import dev.flotilla.agent.sync.SyncSettings;
import dev.flotilla.cli.AdminClient;
import dev.flotilla.hub.Hub;
import dev.flotilla.hub.HubConfig;
import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.BundleView;
import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.admin.AdminViews.CreateToken;
import dev.flotilla.hub.admin.AdminViews.CreatedToken;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import dev.flotilla.hub.source.SourceSpec;
import dev.flotilla.model.Labels;
import dev.flotilla.render.BundleRenderer;
import dev.flotilla.testkit.git.GitRepo;
import dev.flotilla.testkit.kube.WorkloadSimulator;
import dev.flotilla.testkit.net.FlakyLink;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs the demo: repository, hub, sites, the initial rollout; a commit rolled out in stages; a
 * commit that fails on one device model and is rolled back automatically. Returns the exit code: 0
 * once every cluster runs the latest revision that was not rolled back.
 */
public final class DemoRun {
  /** What the demo was asked to do. */
  public record Options(
      int clusters, double flaky, Path dir, boolean serve, Duration timeout, long seed) {
    public Options {
      if (clusters < 1 || clusters > 2_000) {
        throw new IllegalArgumentException("--clusters must be 1-2000, got " + clusters);
      }
    }
  }

  private static final SyncSettings SYNC =
      new SyncSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofMinutes(10),
          Duration.ofSeconds(3));

  private final Options options;
  private final BundleRenderer renderer;
  private final PrintStream out;
  private final boolean terminal;

  public DemoRun(Options options, BundleRenderer renderer, PrintStream out, boolean terminal) {
    this.options = options;
    this.renderer = renderer;
    this.out = out;
    this.terminal = terminal;
  }

  public int run() throws Exception {
    long started = System.nanoTime();
    out.println(
        "Flotilla demo: "
            + options.clusters()
            + " edge clusters"
            + (options.flaky() > 0
                ? ", links down " + Math.round(options.flaky() * 100) + "% of the time"
                : "")
            + "; working in "
            + options.dir());
    List<EdgeSite> sites = new ArrayList<>();
    try (GitRepo repo = GitRepo.init(options.dir().resolve("fleet-repo"), "main")) {
      String first = SampleFleet.initial(repo);
      out.println(
          "  repository  "
              + repo.dir()
              + " (3 bundles, overlays by region and model) at "
              + first.substring(0, 7));
      HubConfig config =
          HubConfig.defaults(options.dir().resolve("hub"), new InetSocketAddress("127.0.0.1", 0))
              .withSource(new SourceSpec("demo", repo.url(), "main", "fleet"))
              .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(8));
      try (Hub hub = Hub.start(config, renderer, Clock.systemUTC());
          AdminClient admin = new AdminClient(AdminConf.read(hub.adminConf()));
          LinkFlapper flapper = new LinkFlapper(options.flaky(), options.seed())) {
        out.println(
            "  hub         " + hub.url() + " (SQLite in " + options.dir().resolve("hub") + ")");
        String token =
            admin
                .post(
                    "/v1/admin/tokens",
                    new CreateToken(Map.of("tier", "edge"), options.clusters(), "1h", "demo fleet"),
                    CreatedToken.class)
                .token();
        InetSocketAddress hubAddress = new InetSocketAddress("127.0.0.1", hub.port());
        for (int i = 0; i < options.clusters(); i++) {
          String region = SampleFleet.REGIONS[i % SampleFleet.REGIONS.length];
          String model =
              SampleFleet.MODELS[(i / SampleFleet.REGIONS.length) % SampleFleet.MODELS.length];
          String name = String.format("%s-%s-%03d", region, model, i + 1);
          boolean pi = model.equals("rpi4");
          sites.add(
              new EdgeSite(
                  name,
                  Labels.of("region", region, "model", model),
                  pi ? "arm64" : "amd64",
                  pi ? 3_800 : 15_800,
                  hubAddress,
                  token,
                  options.dir().resolve("sites").resolve(name),
                  SYNC,
                  WorkloadSimulator.failing(
                      WorkloadSimulator.imageContains(SampleFleet.BROKEN_BUILD)),
                  options.seed() + i));
        }
        sites.forEach(EdgeSite::start);
        List<FlakyLink> links = sites.stream().map(EdgeSite::link).toList();
        flapper.start(links);
        out.println(
            "  sites       "
                + sites.size()
                + " agents enrolling over HTTPS, each with its own in-memory cluster");
        out.println();

        ProgressView view = new ProgressView(out, terminal);
        FleetWatch watch = new FleetWatch(admin, view, out, options.clusters());
        long deadline = started + options.timeout().toNanos();
        if (!watch.converge("rollout", first, r -> true, false, deadline)) {
          return timedOut(admin);
        }
        watch.skipHistory();
        String second = SampleFleet.change(repo);
        out.println(
            "Committed "
                + second.substring(0, 7)
                + ": \"telemetry: collector 1.5.0, report every 15s\", rolled out in stages"
                + " (10% > 50% > 100%, region by region)");
        long committed = System.nanoTime();
        hub.fleetLoop().pollNow();
        if (!watch.converge("update", second, rolloutOf(second, "COMPLETE"), true, deadline)) {
          return timedOut(admin);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - committed);
        String third = SampleFleet.breakingChange(repo);
        out.println(
            "Committed "
                + third.substring(0, 7)
                + ": \"telemetry: collector 1.6.0, arm64 build on rpi4\""
                + " (the simulated rpi4 devices cannot run "
                + SampleFleet.BROKEN_BUILD
                + ")");
        long broke = System.nanoTime();
        hub.fleetLoop().pollNow();
        if (!watch.converge("canary", second, rolloutOf(third, "ROLLED_BACK"), true, deadline)) {
          return timedOut(admin);
        }
        Duration rolledBack = Duration.ofNanos(System.nanoTime() - broke);
        flapper.stop(links);
        summary(admin, second, took, links, watch.rollout().orElseThrow(), rolledBack);
        if (!options.serve()) {
          closeAll(sites);
        }
        if (options.serve()) {
          out.println();
          out.println("Serving. Try, in another terminal:");
          out.println("  export FLOTILLA_CONFIG=" + hub.adminConf());
          out.println("  ./flotilla cluster list      ./flotilla bundle status telemetry");
          out.println(
              "  ./flotilla rollout status telemetry      ./flotilla rollout history telemetry");
          out.println("Hub URL: " + hub.url() + "   (Ctrl-C to stop)");
          Thread.currentThread().join();
        }
        return 0;
      }
    } finally {
      closeAll(sites);
    }
  }

  private static void closeAll(List<EdgeSite> sites) throws java.io.IOException {
    for (EdgeSite s : sites) {
      s.close();
    }
    sites.clear();
  }

  /** The changed bundle's rollout is the one of {@code revision}, in {@code phase}. */
  private static Predicate<RolloutView> rolloutOf(String revision, String phase) {
    return r -> r.revision().equals(revision) && r.phase().equals(phase);
  }

  /**
   * @param revision the latest revision of the changed bundle that was not rolled back
   * @param rolledBack the rollout of the breaking change, and how long after its commit it ended
   */
  private void summary(
      AdminClient admin,
      String revision,
      Duration took,
      List<FlakyLink> links,
      RolloutView broken,
      Duration rolledBack) {
    out.println();
    out.printf(
        "Converged: all %d clusters run %s of %s, %.1fs after the commit.%n",
        options.clusters(),
        revision.substring(0, 7),
        SampleFleet.CHANGED_BUNDLE,
        took.toMillis() / 1000.0);
    String why = broken.reason().replaceFirst("^rolled back automatically: ", "");
    out.printf(
        "Rolled back: %s failed health and was rolled back automatically, %.1fs after its"
            + " commit:%n  %s%n",
        broken.revision().substring(0, 7),
        rolledBack.toMillis() / 1000.0,
        why.length() > 300 ? why.substring(0, 297) + "..." : why);
    out.println();
    Map<String, RolloutView> rollouts = new HashMap<>();
    admin
        .getList("/v1/admin/rollouts", RolloutView.class)
        .forEach(r -> rollouts.put(r.bundle(), r));
    out.printf("  %-14s %-9s %-7s %s%n", "BUNDLE", "REVISION", "READY", "NOT ADMITTED");
    for (BundleView b : admin.getList("/v1/admin/bundles", BundleView.class)) {
      RolloutView r = rollouts.get(b.name());
      out.printf(
          "  %-14s %-9s %-7s %s%n",
          b.name(),
          (r == null ? b.revision() : r.serving()).substring(0, 7),
          b.ready() + "/" + (b.targeted() - b.notAdmitted()),
          b.notAdmitted() == 0 ? "-" : b.notAdmitted() + " (" + reasonOf(admin, b.name()) + ")");
    }
    long up = links.stream().mapToLong(FlakyLink::bytesUp).sum();
    long down = links.stream().mapToLong(FlakyLink::bytesDown).sum();
    out.println();
    out.printf(
        "  wire: %.1f KiB to the hub, %.1f KiB from it, over %d links (TLS included)%n",
        up / 1024.0, down / 1024.0, links.size());
  }

  private static String reasonOf(AdminClient admin, String bundle) {
    return admin.bundleDetail(bundle).clusters().stream()
        .filter(c -> c.state().equals("NOT_ADMITTED"))
        .map(ClusterBundle::message)
        .findFirst()
        .orElse("")
        .replace("not admitted: ", "");
  }

  private int timedOut(AdminClient admin) {
    out.println(
        "The fleet did not converge within "
            + options.timeout().toSeconds()
            + "s. Clusters not synced:");
    for (ClusterView c : admin.getAll("/v1/admin/clusters", ClusterView.class)) {
      if (!c.synced()) {
        out.println("  " + c.name() + (c.online() ? "" : " (offline)") + ": " + c.bundles());
      }
    }
    return 1;
  }
}
