package dev.flotilla.hub;

import dev.flotilla.hub.bundle.BundleCatalog;
import dev.flotilla.hub.bundle.BundleScanner;
import dev.flotilla.hub.distribute.ClusterPlanner;
import dev.flotilla.hub.distribute.DesiredWatch;
import dev.flotilla.hub.distribute.Distributor;
import dev.flotilla.hub.distribute.RolloutGate;
import dev.flotilla.hub.pki.HubPki;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.DesiredRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.DesiredBundle;
import dev.flotilla.protocol.DesiredDocument;
import dev.flotilla.protocol.SignedDocument;
import dev.flotilla.protocol.json.Json;
import dev.flotilla.protocol.sign.DocumentVerifier;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import dev.flotilla.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The hub's desired-state machinery without HTTP: a store, the fleet loop with the real renderer
 * and signer, and clusters inserted directly. Records every long-poll wake-up.
 */
final class FleetEngine implements AutoCloseable {
  final ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
  final HubStore store;
  final HubPki pki;
  final FleetLoop loop;
  final List<ClusterId> woken = new CopyOnWriteArrayList<>();

  FleetEngine(Path dir, String jdbcUrl) {
    store = JdbcHubStore.open(jdbcUrl, clock);
    pki = HubPki.loadOrCreate(dir.resolve("pki"), List.of("localhost"), clock);
    DesiredWatch watch = new DesiredWatch();
    watch.publishTo(woken::add);
    BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());
    Distributor distributor =
        new Distributor(
            store,
            new ClusterPlanner(
                KustomizeBundleRenderer.withDefaults(), RolloutGate.ALL_AT_ONCE, clock),
            pki.signer(),
            watch,
            clock);
    loop =
        new FleetLoop(
            store,
            new BundleScanner(parser),
            new BundleCatalog(store.bundles(), parser, clock),
            distributor,
            dir.resolve("sources"),
            Duration.ofHours(1),
            clock);
  }

  static FleetEngine sqlite(Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    return new FleetEngine(dir, "jdbc:sqlite:" + dir.resolve("flotilla.db"));
  }

  ClusterId cluster(String name, Labels labels, Facts facts) {
    ClusterId id = ClusterId.random();
    store
        .clusters()
        .insert(
            new ClusterRecord(
                id,
                name,
                labels,
                facts,
                clock.instant(),
                clock.instant(),
                false,
                "1",
                clock.instant().plusSeconds(3600),
                "",
                0,
                0));
    return id;
  }

  /** Activates the loop (first poll, plan everything) and waits for it. */
  void start() throws Exception {
    loop.activate();
    poll();
  }

  void poll() throws Exception {
    loop.pollNow().get(60, TimeUnit.SECONDS);
  }

  void distribute(ClusterId id) throws Exception {
    loop.distribute(id).get(60, TimeUnit.SECONDS);
  }

  DesiredRecord record(ClusterId id) {
    return store.desired().get(id).orElseThrow(() -> new AssertionError("no document for " + id));
  }

  DesiredDocument document(ClusterId id) {
    SignedDocument signed = Json.read(record(id).document(), SignedDocument.class, "doc");
    return new DocumentVerifier(pki.signingKeys().getPublic()).verify(signed, id.value());
  }

  /** Bundle name to revision in the cluster's document. */
  Map<String, String> revisions(ClusterId id) {
    Map<String, String> out = new TreeMap<>();
    document(id).bundles().forEach(b -> out.put(b.name(), b.revision()));
    return out;
  }

  List<String> bundleOrder(ClusterId id) {
    List<String> out = new ArrayList<>();
    for (DesiredBundle b : document(id).bundles()) {
      out.add(b.name());
    }
    return out;
  }

  @Override
  public void close() {
    loop.close();
    store.close();
  }
}
