package dev.flotilla.cli.sim;

import dev.flotilla.protocol.sign.DocumentVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A simulator run: schedules every online cluster's check-ins (spread over one interval, then
 * jittered), runs each on a virtual thread within a bound on open connections, applies the fault
 * model (offline, flapping, storm), prints progress, and returns the figures at the end.
 */
public final class SimRun {
  private final SimSettings settings;
  private final SimCluster[] clusters;
  private final CheckInSchedule schedule;
  private final AgentCheckIn checkIn;
  private final SimMetrics metrics = new SimMetrics();
  private final PropagationTracker propagation = new PropagationTracker();
  private final StormTracker storm = new StormTracker();
  private final Optional<ResourceWatch> hub;
  private final ResourceWatch self =
      new ResourceWatch(new ProcessProbe(ProcessHandle.current().pid()));
  private final PrintStream out;
  private final Semaphore permits;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("sim-timers").daemon().unstarted(r));
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final SplittableRandom random;
  private final java.util.BitSet synced = new java.util.BitSet();
  private volatile boolean stopping;
  private long startNanos;
  private volatile long figuresFrom;
  private long lastProgressCheckIns;
  private long lastProgressNanos;
  private final int online;

  public SimRun(
      SimSettings settings,
      List<Identity> identities,
      X509Certificate ca,
      PublicKey signingKey,
      Optional<ProcessProbe> hubProcess,
      PrintStream out,
      Clock clock) {
    this.settings = settings;
    this.clusters = new SimCluster[identities.size()];
    for (int i = 0; i < clusters.length; i++) {
      clusters[i] = new SimCluster(i, identities.get(i));
    }
    this.schedule = new CheckInSchedule(settings.checkIn(), !settings.longPoll().isZero());
    String host = settings.hub().getHost();
    boolean ipLiteral = host.matches("[0-9.]+") || host.contains(":");
    SimTls tls = new SimTls(ca, settings.sessionCache(), ipLiteral ? null : host);
    this.checkIn =
        new AgentCheckIn(
            tls,
            new InetSocketAddress(host, settings.port()),
            host + ":" + settings.port(),
            new DocumentVerifier(signingKey),
            settings.longPoll(),
            settings.faults(),
            settings.failing(),
            metrics,
            propagation,
            clock);
    this.hub = hubProcess.map(ResourceWatch::new);
    this.out = out;
    this.permits = new Semaphore(settings.connections());
    this.random = new SplittableRandom(settings.faults().seed());
    int n = 0;
    for (SimCluster c : clusters) {
      if (!settings.faults().offline(c.index)) {
        n++;
      }
    }
    this.online = n;
  }

  public Figures run() throws InterruptedException, IOException {
    startNanos = System.nanoTime();
    figuresFrom = startNanos;
    lastProgressNanos = startNanos;
    Files.createDirectories(settings.results());
    Files.writeString(
        settings.results().resolve("progress.csv"),
        "seconds,check_ins,check_ins_per_second,ratio_304,check_in_p99_ms,failed,http_429,"
            + "hub_rss_mib,hub_cpu_percent,sim_rss_mib,sim_cpu_percent\n");
    sample();
    out.printf(
        "simulating %,d clusters (%,d online) against %s for %s: check-in %s%s, at most %,d connections%n",
        clusters.length,
        online,
        settings.hub(),
        settings.duration(),
        settings.checkIn(),
        settings.longPoll().isZero() ? "" : ", long-poll " + settings.longPoll(),
        settings.connections());
    for (SimCluster c : clusters) {
      if (!settings.faults().offline(c.index)) {
        schedule(c, schedule.first(random));
      }
    }
    if (settings.faults().storm()) {
      timers.schedule(this::storm, settings.faults().stormAt().toNanos(), TimeUnit.NANOSECONDS);
    }
    if (!settings.warmUp().isZero()) {
      timers.schedule(this::endWarmUp, settings.warmUp().toNanos(), TimeUnit.NANOSECONDS);
    }
    long every = settings.progress().toNanos();
    timers.scheduleAtFixedRate(this::progress, every, every, TimeUnit.NANOSECONDS);
    Thread.sleep(settings.duration().toMillis());
    stopping = true;
    timers.shutdownNow();
    workers.shutdown();
    workers.awaitTermination(settings.longPoll().toSeconds() + 30, TimeUnit.SECONDS);
    sample();
    Figures f =
        Figures.of(
            (System.nanoTime() - figuresFrom) / 1e9,
            clusters.length,
            online,
            syncedCount(),
            metrics,
            hub.map(ResourceWatch::figures).orElse(null),
            self.figures(),
            propagation.commits(online, 50, 90, 99, 100),
            settings.faults().storm() ? storm.outcome() : null);
    FiguresReport.write(f, settings.results());
    return f;
  }

  private int syncedCount() {
    synchronized (synced) {
      return synced.cardinality();
    }
  }

  private void endWarmUp() {
    metrics.reset();
    figuresFrom = System.nanoTime();
    hub.ifPresent(ResourceWatch::restartCpu);
    self.restartCpu();
    sample();
    lastProgressCheckIns = 0;
    out.printf("warm-up over after %s: figures count from now%n", settings.warmUp());
  }

  private void schedule(SimCluster c, Duration delay) {
    if (stopping) {
      return;
    }
    int token = c.scheduleToken;
    try {
      timers.schedule(
          () -> {
            if (!stopping) {
              workers.execute(() -> checkIn(c, token));
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the run is over
    }
  }

  private void checkIn(SimCluster c, int token) {
    synchronized (c) {
      if (stopping || token != c.scheduleToken) {
        return;
      }
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Outcome o;
      try {
        o = checkIn.run(c);
      } finally {
        permits.release();
      }
      Duration next =
          switch (o) {
            case Outcome.Synced s -> {
              metrics.checkIn(true);
              storm.checkedIn(c.index, System.nanoTime());
              synchronized (synced) {
                synced.set(c.index);
              }
              c.failuresInRow = 0;
              yield schedule.afterSuccess(random());
            }
            case Outcome.Throttled t -> schedule.afterRetryAfter(t.retryAfter(), random());
            case Outcome.LinkDown l -> schedule.afterError(++c.failuresInRow, random());
            case Outcome.Failed f -> {
              metrics.checkIn(false);
              yield schedule.afterError(++c.failuresInRow, random());
            }
          };
      if (token == c.scheduleToken) {
        schedule(c, next);
      }
    }
  }

  private SplittableRandom random() {
    synchronized (random) {
      return random.split();
    }
  }

  /** The reconnect storm: the first clusters online lose their sessions and all come back. */
  private void storm() {
    FaultModel faults = settings.faults();
    storm.started(System.nanoTime());
    int joined = 0;
    for (SimCluster c : clusters) {
      if (joined == faults.stormClusters()) {
        break;
      }
      if (faults.offline(c.index)) {
        continue;
      }
      storm.join(c.index);
      joined++;
      c.tlsEpoch++;
      c.scheduleToken++;
      schedule(c, faults.stormOffset(c.index));
    }
    out.printf("storm: %,d clusters reconnect within %s%n", joined, faults.stormWithin());
  }

  private void sample() {
    long now = System.nanoTime();
    hub.ifPresent(h -> h.sample(now));
    self.sample(now);
  }

  private void progress() {
    try {
      sample();
      long now = System.nanoTime();
      long done = metrics.checkIns.sum();
      double rate = (done - lastProgressCheckIns) / Math.max(1e-9, (now - lastProgressNanos) / 1e9);
      lastProgressCheckIns = done;
      lastProgressNanos = now;
      long polls =
          metrics.latency(Call.DESIRED_200).count() + metrics.latency(Call.DESIRED_304).count();
      double ratio = polls == 0 ? 0 : (double) metrics.latency(Call.DESIRED_304).count() / polls;
      double p99 = metrics.latency(Call.CHECK_IN).percentile(99) / 1000.0;
      long failed = metrics.failedCheckIns.sum();
      long throttled = metrics.throttled429.sum();
      double hubRss = hub.map(h -> h.rssKiB() / 1024.0).orElse(0.0);
      double hubCpu = hub.map(ResourceWatch::lastCpuPercent).orElse(0.0);
      double secs = (now - startNanos) / 1e9;
      // one row, printed as the progress line and appended to progress.csv
      Object[] row = {
        secs,
        done,
        rate,
        ratio,
        p99,
        failed,
        throttled,
        hubRss,
        hubCpu,
        self.rssKiB() / 1024.0,
        self.lastCpuPercent()
      };
      out.printf(
          "t=%4.0fs check-ins %,d (%.0f/s) 304 ratio %.3f p99 check-in %.1f ms failed %,d 429 %,d"
              + " hub %.0f MiB %.0f%% CPU, sim %.0f MiB %.0f%% CPU%n",
          row);
      Files.writeString(
          settings.results().resolve("progress.csv"),
          String.format(Locale.ROOT, "%.1f,%d,%.1f,%.4f,%.2f,%d,%d,%.1f,%.1f,%.1f,%.1f%n", row),
          StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException e) {
      out.println("progress: " + e.getMessage());
    }
  }
}
