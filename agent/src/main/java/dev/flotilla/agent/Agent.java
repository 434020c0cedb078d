package dev.flotilla.agent;

import dev.flotilla.agent.apply.BundleApplier;
import dev.flotilla.agent.apply.Sleeper;
import dev.flotilla.agent.cache.AgentKey;
import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.cache.Sealer;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.agent.hub.HubException;
import dev.flotilla.agent.identity.DeviceKeys;
import dev.flotilla.agent.identity.Enroller;
import dev.flotilla.agent.identity.Identity;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.status.EventTypes;
import dev.flotilla.agent.status.StatusQueue;
import dev.flotilla.agent.sync.Backoff;
import dev.flotilla.agent.sync.CertificateRenewer;
import dev.flotilla.agent.sync.DesiredSync;
import dev.flotilla.agent.sync.Reconciler;
import dev.flotilla.agent.sync.StatusReporter;
import dev.flotilla.agent.sync.SyncLoop;
import dev.flotilla.model.Facts;
import dev.flotilla.protocol.json.JsonException;
import dev.flotilla.protocol.pki.BootstrapToken;
import dev.flotilla.protocol.seal.SecretObjects;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One edge agent: its sealed local store, its identity (enrolling on first start), and the sync
 * loop that keeps the cluster at the desired state with or without the hub.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final AgentConfig config;
  private final KubeCluster cluster;
  private final Clock clock;
  private final Sleeper sleeper;
  private final LocalStore store;
  private final StatusQueue status;
  private final Backoff backoff;
  private final AtomicReference<HubClient> hub = new AtomicReference<>();
  private Identity identity;
  private SyncLoop loop;
  private final CertificateRenewer renewer;
  private java.time.Instant nextRecovery = java.time.Instant.MIN;
  private java.time.Instant nextRenewal = java.time.Instant.MIN;
  private int recoveryFailures;
  private volatile boolean stopped;

  private Agent(
      AgentConfig config,
      KubeCluster cluster,
      Clock clock,
      Sleeper sleeper,
      LocalStore store,
      StatusQueue status,
      RandomGenerator random) {
    this.config = config;
    this.cluster = cluster;
    this.clock = clock;
    this.sleeper = sleeper;
    this.store = store;
    this.status = status;
    Duration cap = config.sync().maxBackoff();
    Duration base = cap.compareTo(Duration.ofSeconds(1)) < 0 ? cap : Duration.ofSeconds(1);
    this.backoff = new Backoff(base, cap, random);
    this.renewer = new CertificateRenewer(store, clock);
  }

  /**
   * Opens (or creates) the local store: the key ({@code --key-file}, which must exist, or {@code
   * <data-dir>/key}, created 0600 on first start) and {@code <data-dir>/state}. Does not contact
   * the hub or the cluster yet.
   */
  public static Agent open(
      AgentConfig config, KubeCluster cluster, Clock clock, Sleeper sleeper, RandomGenerator random)
      throws IOException {
    SecretKey key =
        config.keyFile().isPresent()
            ? AgentKey.load(config.keyFile().get())
            : AgentKey.loadOrCreate(config.key());
    LocalStore store = LocalStore.open(config.dataDir().resolve("state"), new Sealer(key));
    return new Agent(config, cluster, clock, sleeper, store, openStatus(store, clock), random);
  }

  /**
   * The saved status queue, or a new one. A new queue's first report learns the hub's numbering, so
   * events recorded after a lost queue are not mistaken for ones the hub already has.
   */
  private static StatusQueue openStatus(LocalStore store, Clock clock) throws IOException {
    try {
      Optional<StatusQueue> saved = store.status().map(b -> StatusQueue.restore(b, clock));
      if (saved.isPresent()) {
        return saved.get();
      }
      return new StatusQueue(clock);
    } catch (Sealer.Corrupt | JsonException e) {
      StatusQueue fresh = new StatusQueue(clock);
      fresh.event("", EventTypes.CACHE_CORRUPT, e.getMessage() + "; the status queue starts again");
      LOG.error("{}; the status queue starts again", e.getMessage());
      return fresh;
    }
  }

  /**
   * Enrolls if needed (retrying with backoff while the hub does not answer), then runs the sync
   * loop until {@link #close}. An agent that enrolled before starts applying from its local store
   * at once, whether or not the hub answers.
   */
  public void run() throws InterruptedException, IOException {
    identity = storedIdentity();
    if (identity == null) {
      identity = enroll();
      if (identity == null) {
        return;
      }
    }
    hub.set(new HubClient(identity.hubUrl(), identity.tls(), Duration.ofSeconds(30)));
    loop = buildLoop();
    while (!stopped) {
      maintainIdentity();
      Duration wait = loop.step();
      if (!wait.isZero() && !stopped) {
        sleeper.sleep(wait);
      }
    }
  }

  /** One step of the loop, for tests that drive the agent with a manual clock. */
  public Duration step() throws IOException, InterruptedException {
    if (loop == null) {
      identity = storedIdentity();
      if (identity == null) {
        identity = enroll();
      }
      hub.set(new HubClient(identity.hubUrl(), identity.tls(), Duration.ofSeconds(30)));
      loop = buildLoop();
    }
    maintainIdentity();
    return loop.step();
  }

  /**
   * Renews the certificate at two thirds of its life while the hub answers; recovers it when it
   * expired while the hub could not be reached (at most once per backoff step on failure).
   */
  private void maintainIdentity() {
    if (renewer.expired(identity)) {
      if (!clock.instant().isBefore(nextRecovery)) {
        recover();
      }
    } else if (renewer.due(identity)
        && loop.hubReachable()
        && !clock.instant().isBefore(nextRenewal)) {
      renew(renewer);
    }
  }

  private void recover() {
    try {
      identity = renewer.recover(identity);
      replaceHubClient();
      recoveryFailures = 0;
      LOG.info(
          "{}: expired certificate recovered, new one valid until {}",
          config.name(),
          identity.notAfter());
    } catch (HubException | IOException e) {
      recoveryFailures++;
      nextRecovery = clock.instant().plus(backoff.delay(recoveryFailures));
      LOG.warn(
          "{}: certificate expired at {} and recovery failed ({}); keeping the applied state",
          config.name(),
          identity.notAfter(),
          e.getMessage());
    }
  }

  private void replaceHubClient() {
    HubClient old =
        hub.getAndSet(new HubClient(identity.hubUrl(), identity.tls(), Duration.ofSeconds(30)));
    if (old != null) {
      old.close();
    }
  }

  /** The stored identity, or null before enrolment; a file that fails to open stops the agent. */
  private Identity storedIdentity() throws IOException {
    try {
      return store.identity().orElse(null);
    } catch (Sealer.Corrupt e) {
      throw new IllegalStateException(
          e.getMessage()
              + " and was discarded: the device key is gone, so this cluster must enroll again"
              + " (revoke "
              + config.name()
              + " at the hub, then start with a new --token and a new --name)",
          e);
    }
  }

  private SyncLoop buildLoop() {
    BundleApplier applier = new BundleApplier(cluster, clock, sleeper);
    FactsReader facts = new FactsReader(cluster);
    return new SyncLoop(
        identity.name(),
        new DesiredSync(hub::get, store, identity.verifier(), identity.clusterId(), status),
        new Reconciler(applier, store, status, clock, unsealer(identity)),
        new StatusReporter(hub::get, status, store),
        status,
        facts,
        config.sync(),
        backoff,
        clock);
  }

  /** Opens sealed Secrets in memory just before apply; refuses them without keys. */
  private static java.util.function.UnaryOperator<java.util.List<dev.flotilla.model.KubeObject>>
      unsealer(Identity id) {
    return id.secretCipher()
        .<java.util.function.UnaryOperator<java.util.List<dev.flotilla.model.KubeObject>>>map(
            c -> objects -> SecretObjects.open(objects, c))
        .orElse(Reconciler.NO_SECRETS);
  }

  private Identity enroll() throws InterruptedException, IOException {
    if (config.token().isEmpty()) {
      throw new IllegalStateException(
          "this agent has not enrolled yet (no identity in "
              + config.dataDir()
              + "); pass --token from `flotilla token create`");
    }
    BootstrapToken token = BootstrapToken.parse(config.token().get());
    Facts facts = readFactsOrUnknown();
    DeviceKeys keys = enrollmentKeys();
    int attempt = 0;
    while (!stopped) {
      try {
        Identity id =
            Enroller.enroll(config.hubUrl(), token, config.name(), config.labels(), facts, keys);
        store.saveIdentity(id);
        store.deleteEnrollmentKey();
        LOG.info(
            "{}: enrolled with {} as cluster {}", config.name(), config.hubUrl(), id.clusterId());
        return id;
      } catch (HubException.Refused e) {
        throw new IllegalStateException("enrollment refused: " + e.getMessage(), e);
      } catch (HubException e) {
        attempt++;
        Duration d = backoff.delay(attempt);
        LOG.warn(
            "{}: {}; retrying enrollment in {}s (attempt {})",
            config.name(),
            e.getMessage(),
            Math.max(1, d.toSeconds()),
            attempt);
        sleeper.sleep(d);
      }
    }
    return null;
  }

  /** The same key pair across enrollment attempts and restarts, so a retry is recognised. */
  private DeviceKeys enrollmentKeys() throws IOException {
    Optional<String> saved = store.enrollmentKey();
    if (saved.isPresent()) {
      DeviceKeys keys = DeviceKeys.decode(saved.get());
      store.saveEnrollmentKey(keys.encode());
      return keys;
    }
    DeviceKeys keys = DeviceKeys.generate();
    store.saveEnrollmentKey(keys.encode());
    return keys;
  }

  private void renew(CertificateRenewer renewer) {
    try {
      identity = renewer.renew(identity, hub.get());
      replaceHubClient();
      // a device clock far ahead of the hub's would find the new certificate due at once: renew
      // no sooner than a third of its lifetime from now, whatever the clocks say
      nextRenewal =
          clock
              .instant()
              .plus(Duration.between(identity.notBefore(), identity.notAfter()).dividedBy(3));
      LOG.info("{}: certificate renewed, valid until {}", config.name(), identity.notAfter());
    } catch (HubException | IOException e) {
      LOG.warn("{}: certificate renewal failed ({}); will retry", config.name(), e.getMessage());
    }
  }

  private Facts readFactsOrUnknown() {
    try {
      return new FactsReader(cluster).get();
    } catch (RuntimeException e) {
      LOG.warn("{}: cannot read cluster facts yet: {}", config.name(), e.getMessage());
      return Facts.UNKNOWN;
    }
  }

  public Optional<Identity> identity() {
    return Optional.ofNullable(identity);
  }

  public Optional<SyncLoop> loop() {
    return Optional.ofNullable(loop);
  }

  public StatusQueue status() {
    return status;
  }

  public LocalStore store() {
    return store;
  }

  @Override
  public void close() {
    stopped = true;
    HubClient h = hub.get();
    if (h != null) {
      h.close();
    }
  }
}
