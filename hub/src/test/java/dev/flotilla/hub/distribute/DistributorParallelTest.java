package dev.flotilla.hub.distribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.Assignment.State;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.protocol.sign.DocumentSigner;
import dev.flotilla.render.BundleRenderer;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import dev.flotilla.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning a page on several threads saves exactly what planning it in a loop saves: the same
 * documents (byte for byte), content hashes, generations and assignments, in the same order.
 */
class DistributorParallelTest {
  /** More than a page, so the second page is planned too. */
  static final int CLUSTERS = Distributor.PAGE + 150;

  @TempDir Path dir;
  final ManualClock clock = ManualClock.startingAt("2026-05-01T00:00:00Z");
  final BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());
  final KeyPair signingKey = ed25519();
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** One hub's store and distributor, planning with {@code threads} threads. */
  final class Rig {
    final HubStore store;
    final Distributor distributor;
    final List<ClusterId> woken = new CopyOnWriteArrayList<>();

    Rig(String name, int threads, BundleRenderer renderer, RolloutGate gate) {
      store = JdbcHubStore.open("jdbc:sqlite:" + dir.resolve(name + ".db"), clock);
      DesiredWatch watch = new DesiredWatch();
      watch.publishTo(woken::add);
      distributor =
          new Distributor(
              store,
              new ClusterPlanner(renderer, gate, clock),
              new DocumentSigner(signingKey),
              watch,
              clock,
              threads);
      open.add(store);
      open.add(distributor);
      List<ClusterRecord> clusters = new ArrayList<>();
      for (int i = 0; i < CLUSTERS; i++) {
        clusters.add(cluster(i));
      }
      store.clusters().insertAll(clusters);
    }

    Rig(String name, int threads) {
      this(name, threads, KustomizeBundleRenderer.withDefaults(), RolloutGate.ALL_AT_ONCE);
    }

    /** Every cluster's stored document and assignments, in id order, as comparable text. */
    List<String> saved() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < CLUSTERS; i++) {
        ClusterId id = cluster(i).id();
        out.add(
            id
                + " "
                + store
                    .desired()
                    .get(id)
                    .map(
                        d ->
                            "generation "
                                + d.generation()
                                + " etag "
                                + d.etag()
                                + " "
                                + new String(d.document(), StandardCharsets.UTF_8))
                    .orElse("no document")
                + " "
                + store.desired().assignments(id));
      }
      // content hashes and generations as the next pass reads them
      out.add(
          "planned "
              + new TreeMap<>(
                  store.desired().plannedBetween(cluster(0).id(), cluster(CLUSTERS - 1).id())));
      return out;
    }
  }

  static ClusterRecord cluster(int i) {
    Instant t = Instant.parse("2026-04-01T00:00:00Z");
    String name = "edge-%04d".formatted(i);
    Labels labels =
        Labels.of(
            "region", List.of("eu", "us", "ap").get(i % 3), "tier", i % 4 == 0 ? "core" : "edge");
    Facts facts = new Facts("arm64", i % 5 == 0 ? 16384 : 2048, "v1.30.0", "k3s", List.of(), 1, "");
    // every 97th cluster is revoked: planned by neither
    return new ClusterRecord(
        new ClusterId("c-" + name), name, labels, facts, t, t, i % 97 == 50, "1", t, "", 0, 0);
  }

  BundleSnapshot bundle(String name, String bundleYaml, String data, String revision)
      throws Exception {
    Path tree = dir.resolve("tree-" + revision);
    Path b = tree.resolve(name);
    Files.createDirectories(b);
    Files.writeString(b.resolve("bundle.yaml"), bundleYaml);
    Files.writeString(
        b.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + data);
    BundleSpec spec =
        parser.parse(name + "/bundle.yaml", name, Files.readAllBytes(b.resolve("bundle.yaml")));
    return new BundleSnapshot(spec, new Revision(revision), tree);
  }

  /** Four bundles: per-cluster, per-region, admitted to some, and one depending on another. */
  List<BundleSnapshot> bundles(String revision, String version) throws Exception {
    return List.of(
        bundle(
            "app",
            "dependsOn: [base]\ntargets: [{selector: {matchLabels: {tier: edge}}}]\n",
            "  region: ${label:region}\n  version: \"" + version + "\"\n",
            revision),
        bundle("base", "targets: [{selector: {}}]\n", "  site: ${cluster.name}\n", revision),
        bundle(
            "big",
            "targets: [{selector: {}}]\nrequires: {minMemoryMiB: 8192}\n",
            "  size: large\n",
            revision),
        bundle(
            "core",
            "targets: [{selector: {matchLabels: {tier: core}}}]\n",
            "  version: \"" + version + "\"\n",
            revision));
  }

  @Test
  void parallelPlanningSavesWhatSequentialPlanningSaves() throws Exception {
    Rig sequential = new Rig("sequential", 1);
    Rig parallel = new Rig("parallel", 4);

    List<BundleSnapshot> first = bundles("r1", "1");
    int firstSeq = sequential.distributor.distributeAll(first);
    int firstPar = parallel.distributor.distributeAll(first);
    assertThat(firstPar).isEqualTo(firstSeq).isEqualTo(CLUSTERS - 7);
    assertThat(parallel.saved()).isEqualTo(sequential.saved());

    clock.advance(Duration.ofMinutes(5));
    // a commit that changes "app" and "core" everywhere: every document but the revoked ones
    List<BundleSnapshot> second = bundles("r2", "2");
    assertThat(parallel.distributor.distributeAll(second))
        .isEqualTo(sequential.distributor.distributeAll(second))
        .isEqualTo(CLUSTERS - 7);
    assertThat(parallel.saved()).isEqualTo(sequential.saved());
    assertThat(parallel.saved().get(1)).contains("generation 2");
    assertThat(parallel.woken).isEqualTo(sequential.woken).hasSize(2 * (CLUSTERS - 7));

    assertThat(parallel.distributor.distributeAll(second)).isZero();
    assertThat(sequential.distributor.distributeAll(second)).isZero();
  }

  @Test
  void aClusterWhoseRenderFailsIsTheOnlyOneAffected() throws Exception {
    BundleRenderer real = KustomizeBundleRenderer.withDefaults();
    BundleRenderer failsForOne =
        request -> {
          if (request.cluster().clusterName().equals("edge-0123")) {
            throw new IllegalStateException("renderer bug for edge-0123");
          }
          return real.render(request);
        };
    Rig healthy = new Rig("healthy", 4);
    Rig sequential = new Rig("sequential", 1, failsForOne, RolloutGate.ALL_AT_ONCE);
    Rig parallel = new Rig("parallel", 4, failsForOne, RolloutGate.ALL_AT_ONCE);
    List<BundleSnapshot> bundles = bundles("r1", "1");

    healthy.distributor.distributeAll(bundles);
    sequential.distributor.distributeAll(bundles);
    parallel.distributor.distributeAll(bundles);

    assertThat(parallel.saved()).isEqualTo(sequential.saved());
    List<String> expected = healthy.saved();
    List<String> actual = parallel.saved();
    for (int i = 0; i < CLUSTERS; i++) {
      if (i != 123) {
        assertThat(actual.get(i)).as("cluster %d", i).isEqualTo(expected.get(i));
      }
    }
    ClusterId broken = cluster(123).id();
    assertThat(parallel.store.desired().assignments(broken))
        .filteredOn(a -> !a.bundle().equals("big"))
        .extracting(Assignment::state)
        .containsOnly(State.ERROR);
    assertThat(parallel.store.desired().assignments(broken))
        .extracting(Assignment::message)
        .anySatisfy(m -> assertThat(m).contains("renderer bug for edge-0123"));
  }

  @Test
  void anExceptionOutsideRenderingSkipsThatClusterAndPlansTheRest() throws Exception {
    RolloutGate failsForOne =
        (bundle, cluster, revision) -> {
          if (cluster.equals(cluster(300).id())) {
            throw new IllegalStateException("gate bug for " + cluster);
          }
          return true;
        };
    KustomizeBundleRenderer renderer = KustomizeBundleRenderer.withDefaults();
    Rig sequential = new Rig("sequential", 1, renderer, failsForOne);
    Rig parallel = new Rig("parallel", 4, renderer, failsForOne);
    List<BundleSnapshot> bundles = bundles("r1", "1");

    for (Rig rig : List.of(sequential, parallel)) {
      assertThat(rig.distributor.distributeAll(bundles)).isEqualTo(CLUSTERS - 7 - 1);
    }
    assertThat(parallel.saved()).isEqualTo(sequential.saved());
    assertThat(parallel.saved().get(300)).contains("no document");
    assertThat(parallel.saved().get(299)).contains("generation 1");
    assertThat(parallel.saved().get(CLUSTERS - 1)).contains("generation 1");
    // planning that cluster alone still says why
    ClusterRecord broken = parallel.store.clusters().get(cluster(300).id()).orElseThrow();
    assertThatThrownBy(() -> parallel.distributor.distribute(broken, bundles))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gate bug for " + cluster(300).id());
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
