package dev.flotilla.hub;

import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminEndpoints;
import dev.flotilla.hub.admin.SourceEndpoints;
import dev.flotilla.hub.api.AgentEndpoints;
import dev.flotilla.hub.api.LoadShedder;
import dev.flotilla.hub.api.MetricsEndpoint;
import dev.flotilla.hub.api.PollHints;
import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.bundle.BundleScanner;
import dev.flotilla.hub.checkin.LastSeenBuffer;
import dev.flotilla.hub.checkin.StatusWriter;
import dev.flotilla.hub.distribute.ClusterPlanner;
import dev.flotilla.hub.distribute.DesiredWatch;
import dev.flotilla.hub.distribute.Distributor;
import dev.flotilla.hub.distribute.NamespaceFence;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.distribute.SecretSealingRenderer;
import dev.flotilla.hub.enroll.Enrollment;
import dev.flotilla.hub.enroll.TokenIssuer;
import dev.flotilla.hub.ha.LeaderLease;
import dev.flotilla.hub.ha.PostgresBus;
import dev.flotilla.hub.ha.PostgresLease;
import dev.flotilla.hub.ha.ReplicaBus;
import dev.flotilla.hub.ha.SharedPki;
import dev.flotilla.hub.ha.Signal;
import dev.flotilla.hub.hooks.GitHookEndpoint;
import dev.flotilla.hub.http.HttpsServer;
import dev.flotilla.hub.http.Router;
import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.hub.rollout.RolloutController;
import dev.flotilla.hub.rollout.RolloutEndpoints;
import dev.flotilla.hub.store.AdminTokenRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.protocol.pki.Pem;
import dev.flotilla.render.BundleRenderer;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running hub: store, keys, fleet loop and HTTPS endpoints, wired by hand. */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  /** How often the leader lease is tried (followers) and checked (the leader). */
  static final Duration LEASE_INTERVAL = Duration.ofSeconds(2);

  private final HubConfig config;
  private final HubStore store;
  private final HubPki pki;
  private final FleetLoop loop;
  private final HttpsServer server;
  private final ScheduledExecutorService timers;
  private final String url;
  private final LeaderLease lease;
  private final ReplicaBus bus;
  private final Router router;
  private final LoadShedder shedder;
  private final LastSeenBuffer lastSeen;
  private final StatusWriter statusWriter;

  private Hub(
      HubConfig config,
      HubStore store,
      HubPki pki,
      FleetLoop loop,
      HttpsServer server,
      ScheduledExecutorService timers,
      String url,
      LeaderLease lease,
      ReplicaBus bus,
      Router router,
      LoadShedder shedder,
      LastSeenBuffer lastSeen,
      StatusWriter statusWriter) {
    this.config = config;
    this.store = store;
    this.pki = pki;
    this.loop = loop;
    this.server = server;
    this.timers = timers;
    this.url = url;
    this.lease = lease;
    this.bus = bus;
    this.router = router;
    this.shedder = shedder;
    this.lastSeen = lastSeen;
    this.statusWriter = statusWriter;
  }

  /**
   * Starts a hub with staged rollouts ({@link RolloutController}) and returns once it serves HTTPS
   * and has written {@code admin.conf}. On PostgreSQL it is one of possibly several replicas: it
   * shares the CA and signing key through the database, and its fleet loop (with the rollout
   * controller) runs only while it holds the leader lease (see docs/ha.md).
   */
  public static Hub start(HubConfig config, BundleRenderer renderer, Clock clock) throws Exception {
    return start(config, renderer, Optional.empty(), clock);
  }

  /**
   * Starts a hub whose clusters move as {@code gate} says, instead of by staged rollouts (tests);
   * it serves no rollout API.
   */
  public static Hub start(HubConfig config, BundleRenderer renderer, RolloutGate gate, Clock clock)
      throws Exception {
    return start(config, renderer, Optional.of(gate), clock);
  }

  private static Hub start(
      HubConfig config, BundleRenderer renderer, Optional<RolloutGate> fixedGate, Clock clock)
      throws Exception {
    Files.createDirectories(config.dataDir());
    JdbcHubStore store = JdbcHubStore.open(config.databaseUrl(), clock);
    boolean replicated = store.kind().equals("postgresql");
    LeaderLease lease = null;
    ReplicaBus bus = null;
    StatusWriter statusWriter = null;
    try {
      Path pkiDir = config.dataDir().resolve("pki");
      List<String> names = serverNames(config);
      HubPki pki =
          replicated
              ? SharedPki.loadShared(
                  store.sharedKeys(), pkiDir, () -> HubPki.loadOrCreate(pkiDir, names, clock))
              : HubPki.loadOrCreate(pkiDir, names, clock);
      config
          .source()
          .ifPresent(s -> store.sources().upsert(s.name(), s.url(), s.branch(), s.path()));

      lease = replicated ? new PostgresLease(store.jdbcUrl(), LEASE_INTERVAL) : LeaderLease.sole();
      bus = replicated ? PostgresBus.open(store.jdbcUrl()) : ReplicaBus.local();
      ReplicaBus signals = bus;
      DesiredWatch watch = new DesiredWatch();
      watch.publishTo(id -> signals.publish(new Signal.DesiredChanged(id)));
      BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());
      BundleCatalog catalog = new BundleCatalog(store.bundles(), parser, clock);
      Optional<RolloutController> rollouts =
          fixedGate.isPresent()
              ? Optional.empty()
              : Optional.of(new RolloutController(store, catalog, config.offlineAfter(), clock));
      RolloutGate gate = fixedGate.isPresent() ? fixedGate.get() : rollouts.get();
      Distributor distributor =
          new Distributor(
              store,
              new ClusterPlanner(
                  new SecretSealingRenderer(
                      new NamespaceFence(renderer),
                      store.clusters()::encryptionKey,
                      pki.sealingKeys()),
                  gate,
                  clock),
              pki.signer(),
              watch,
              clock);
      FleetLoop loop =
          new FleetLoop(
              store,
              new BundleScanner(parser),
              catalog,
              distributor,
              config.dataDir().resolve("sources"),
              config.sourcePollInterval(),
              clock);
      FleetRequests requests = new FleetRequests(loop, lease, bus, watch, store);
      ScheduledExecutorService timers =
          Executors.newScheduledThreadPool(
              1, r -> Thread.ofPlatform().name("hub-timers").daemon().unstarted(r));
      TokenIssuer issuer = new TokenIssuer(store.tokens(), pki.caPin(), clock);
      Enrollment enrollment =
          new Enrollment(
              store,
              pki,
              config.certificateTtl(),
              config.recoveryGrace(),
              clock,
              id -> requests.awaitFirstDocument(id, Duration.ofSeconds(30)));
      LoadShedder shedder = new LoadShedder(config.limits(), new SplittableRandom());
      LastSeenBuffer lastSeen = new LastSeenBuffer(store.clusters());
      timers.scheduleWithFixedDelay(
          lastSeen::flush,
          config.lastSeenFlush().toMillis(),
          config.lastSeenFlush().toMillis(),
          TimeUnit.MILLISECONDS);
      statusWriter = new StatusWriter(store.statuses());
      Router router = new Router();
      new AgentEndpoints(
              store,
              enrollment,
              watch,
              timers,
              new PollHints(config.agentPollInterval()),
              clock,
              requests::redistribute,
              shedder,
              lastSeen,
              statusWriter)
          .routes(router);
      new AdminEndpoints(store, issuer, clock, config.offlineAfter(), requests::redistribute)
          .onRevoke(watch::changed)
          .withUnwrittenContacts(lastSeen::pending)
          .routes(router);
      new SourceEndpoints(store, clock, requests::sourceChanged).routes(router);
      new GitHookEndpoint(store.sources(), requests::fetch).routes(router);
      LeaderLease leader = lease;
      new MetricsEndpoint(shedder, watch, leader::isLeader).routes(router);
      if (rollouts.isPresent()) {
        // the controller runs on the fleet loop, so only where the loop runs: the leading hub; it
        // reads its rollouts there too, before the loop plans anything, not before serving
        loop.useRollouts(rollouts.get()::changes, rollouts.get()::prime, rolloutInterval(config));
        new RolloutEndpoints(store, clock, requests::replan).routes(router);
      }
      router.add("GET", "/healthz", ex -> ex.respondText(200, "ok\n"));

      HttpsServer server =
          new HttpsServer(
              config.listen(), pki.ca(), pki.serverCertificate(), pki.serverKey(), router);
      server.start();
      String url = config.advertiseUrl().orElse("https://" + urlHost(config) + ":" + server.port());
      writeAdminConf(config.dataDir(), url, pki, issuer, store);
      bus.start(requests::on);
      lease.start(
          new LeaderLease.Listener() {
            @Override
            public void gained() {
              loop.activate();
            }

            @Override
            public void lost(String why) {
              loop.deactivate();
            }
          });
      LOG.info(
          "hub serving {} (database: {}{}, data: {})",
          url,
          store.kind(),
          replicated ? ", replicas share it; leader lease by advisory lock" : "",
          config.dataDir().toAbsolutePath());
      return new Hub(
          config,
          store,
          pki,
          loop,
          server,
          timers,
          url,
          lease,
          bus,
          router,
          shedder,
          lastSeen,
          statusWriter);
    } catch (Exception | Error e) {
      if (lease != null) {
        lease.close();
      }
      if (bus != null) {
        bus.close();
      }
      if (statusWriter != null) {
        statusWriter.close();
      }
      store.close();
      throw e;
    }
  }

  /** How often rollouts are planned: every source interval, at least every 5 seconds. */
  static Duration rolloutInterval(HubConfig config) {
    Duration every = config.sourcePollInterval();
    return every.compareTo(Duration.ofSeconds(5)) < 0 ? every : Duration.ofSeconds(5);
  }

  private static void writeAdminConf(
      Path dataDir, String url, HubPki pki, TokenIssuer issuer, HubStore store) throws IOException {
    Path file = dataDir.resolve(AdminConf.FILE_NAME);
    if (Files.exists(file)) {
      AdminConf existing = AdminConf.read(file);
      String[] parts = existing.token().split("\\.");
      boolean valid =
          parts.length == 3
              && store.tokens().adminById(parts[1]).filter(t -> !t.revoked()).isPresent();
      if (valid) {
        if (!existing.hub().equals(url) || !existing.caCertificate().equals(Pem.encode(pki.ca()))) {
          new AdminConf(url, Pem.encode(pki.ca()), existing.token()).write(file);
        }
        return;
      }
    }
    String token =
        issuer.admin(AdminTokenRecord.Role.ADMIN, "written to admin.conf at first start");
    new AdminConf(url, Pem.encode(pki.ca()), token).write(file);
  }

  private static List<String> serverNames(HubConfig config) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (IOException e) {
      // no resolvable host name: loopback and the configured names still work
    }
    String host = config.listen().getHostString();
    if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::")) {
      names.add(host);
    }
    names.addAll(config.serverNames());
    return new ArrayList<>(names);
  }

  private static String urlHost(HubConfig config) {
    String host = config.listen().getHostString();
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  public String url() {
    return url;
  }

  public int port() {
    return server.port();
  }

  public HubStore store() {
    return store;
  }

  public HubPki pki() {
    return pki;
  }

  public FleetLoop fleetLoop() {
    return loop;
  }

  /** Whether this replica holds the leader lease (always, on SQLite). */
  public boolean isLeader() {
    return lease.isLeader();
  }

  /** Every route the hub serves, as {@code METHOD /pattern}. */
  public List<String> routes() {
    return router.routes();
  }

  /** Writes the last contact of clusters that checked in since the last flush; returns how many. */
  public int flushLastSeen() {
    return lastSeen.flush();
  }

  public LoadShedder loadShedder() {
    return shedder;
  }

  public Path adminConf() {
    return config.dataDir().resolve(AdminConf.FILE_NAME);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (Exception e) {
      LOG.warn("stopping the HTTPS server failed", e);
    }
    lease.close();
    loop.close();
    bus.close();
    timers.shutdownNow();
    statusWriter.close();
    lastSeen.flush();
    store.close();
  }
}
