package dev.flotilla.hub;

import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.bundle.BundleScanner;
import dev.flotilla.hub.distribute.ClusterPlanner;
import dev.flotilla.hub.distribute.DesiredWatch;
import dev.flotilla.hub.distribute.Distributor;
import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.hub.rollout.RolloutController;
import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.RolloutEventRecord;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import dev.flotilla.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The hub's rollout machinery without HTTP or agent processes: the store, the fleet loop with the
 * real renderer, the rollout controller on a manual clock, and stand-in agents that report what
 * they were assigned (healthy, unless its manifests name an image tagged -broken) while their link
 * is up. Opening a rig on the directory of a closed one is a hub restart.
 */
final class RolloutRig implements AutoCloseable {
  static final Duration OFFLINE_AFTER = Duration.ofMinutes(1);

  final ManualClock clock;
  final HubStore store;
  final FleetLoop loop;
  final RolloutController rollouts;
  final Map<String, ClusterId> clusters = new LinkedHashMap<>();
  final Set<String> offline = new HashSet<>();

  /** Clusters whose workloads never get ready. */
  final Set<String> stalled = new HashSet<>();

  private final Map<ClusterId, Long> seq = new TreeMap<>();

  RolloutRig(Path dir, ManualClock clock) throws IOException {
    this.clock = clock;
    java.nio.file.Files.createDirectories(dir);
    this.store = JdbcHubStore.open("jdbc:sqlite:" + dir.resolve("flotilla.db"), clock);
    HubPki pki = HubPki.loadOrCreate(dir.resolve("pki"), List.of("localhost"), clock);
    BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());
    BundleCatalog catalog = new BundleCatalog(store.bundles(), parser, clock);
    // pages of 2 clusters: every scenario reads the fleet across page boundaries
    rollouts = new RolloutController(store, catalog, OFFLINE_AFTER, clock, 2);
    Distributor distributor =
        new Distributor(
            store,
            new ClusterPlanner(KustomizeBundleRenderer.withDefaults(), rollouts, clock),
            pki.signer(),
            new DesiredWatch(),
            clock);
    loop =
        new FleetLoop(
            store,
            new BundleScanner(parser),
            catalog,
            distributor,
            dir.resolve("sources"),
            Duration.ofHours(1),
            clock);
    rollouts.prime();
    loop.useRollouts(rollouts::changes, Duration.ofHours(1));
    loop.start();
    for (ClusterRecord c : store.clusters().list()) {
      clusters.put(c.name(), c.id());
      seq.put(c.id(), c.reportSeq()); // the agents carry on numbering their reports
    }
  }

  void cluster(String name, Labels labels) {
    ClusterId id = ClusterId.random();
    store
        .clusters()
        .insert(
            new ClusterRecord(
                id,
                name,
                labels,
                Facts.UNKNOWN,
                clock.instant(),
                clock.instant(),
                false,
                "1",
                clock.instant().plusSeconds(86_400),
                "",
                0,
                0));
    clusters.put(name, id);
  }

  /** The hub fetches its source (a webhook) and redistributes. */
  void poll() throws Exception {
    loop.pollNow().get(60, TimeUnit.SECONDS);
  }

  /**
   * Ten seconds pass: agents whose link is up check in and report what they were assigned; then the
   * controller runs a round and every cluster is redistributed.
   */
  void round() throws Exception {
    clock.advance(Duration.ofSeconds(10));
    for (var e : clusters.entrySet()) {
      if (!offline.contains(e.getKey())) {
        report(e.getKey(), e.getValue());
      }
    }
    loop.distributeAll().get(60, TimeUnit.SECONDS);
  }

  void rounds(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      round();
    }
  }

  private void report(String name, ClusterId id) {
    store.clusters().touch(id, clock.instant());
    List<BundleStatus> bundles =
        store.desired().assignments(id).stream()
            .filter(Assignment::served)
            .map(a -> status(name, a))
            .toList();
    long next = seq.merge(id, 1L, Long::sum);
    store
        .statuses()
        .record(id, new StatusReport(next, null, bundles, List.of(), List.of()), clock.instant());
  }

  private BundleStatus status(String name, Assignment a) {
    String yaml = manifests(a.digest());
    boolean broken = yaml.contains("-broken");
    BundleStatus.Health health =
        broken
            ? BundleStatus.Health.FAILED
            : stalled.contains(name) ? BundleStatus.Health.PROGRESSING : BundleStatus.Health.READY;
    return new BundleStatus(
        a.bundle(),
        a.revision(),
        a.digest(),
        BundleStatus.SyncState.APPLIED,
        health,
        broken ? "Deployment.apps/apps/web FAILED: progress deadline exceeded" : "",
        null,
        clock.instant());
  }

  private String manifests(String digest) {
    byte[] gz = store.blobs().gzipped(new Digest(digest)).orElseThrow();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The revision each cluster's document serves of {@code bundle} ("" for none), by name. */
  Map<String, String> served(String bundle) {
    Map<String, String> out = new TreeMap<>();
    clusters.forEach(
        (name, id) ->
            out.put(
                name,
                store.desired().assignments(id).stream()
                    .filter(a -> a.bundle().equals(bundle) && a.served())
                    .map(Assignment::revision)
                    .findFirst()
                    .orElse("")));
    return out;
  }

  RolloutRecord rollout(String bundle) {
    return store.rollouts().latest(bundle).orElseThrow();
  }

  List<String> events(String bundle) {
    return store.rollouts().events(bundle, 100).reversed().stream()
        .map(RolloutEventRecord::type)
        .toList();
  }

  @Override
  public void close() {
    loop.close();
    store.close();
  }
}
