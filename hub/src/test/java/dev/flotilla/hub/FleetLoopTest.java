package dev.flotilla.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.DesiredRecord;
import dev.flotilla.hub.store.SourceRecord;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.git.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet loop on a real Git repository, the real renderer and SQLite: what each cluster's
 * document holds after commits, and what stays untouched.
 */
class FleetLoopTest {
  static final Facts ARM = new Facts("arm64", 2048, "v1.30.1+k3s1", "k3s", List.of(), 1, "t");
  static final Facts AMD = new Facts("amd64", 8192, "v1.30.1+k3s1", "k3s", List.of(), 1, "t");

  @TempDir Path dir;
  GitRepo repo;
  FleetEngine hub;
  ClusterId euPi;
  ClusterId euNuc;
  ClusterId us;
  ClusterId lab;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitRepo.init(dir.resolve("repo"), "main");
    FleetRepo.initial(repo);
    hub = FleetEngine.sqlite(dir.resolve("hub"));
    hub.store.sources().upsert("fleet", repo.url(), "main", "fleet");
    euPi =
        hub.cluster("eu-pi", Labels.of("tier", "edge", "region", "eu-west", "model", "rpi4"), ARM);
    euNuc =
        hub.cluster(
            "eu-nuc",
            Labels.of("tier", "edge", "region", "eu-west", "model", "nuc", "canary", "true"),
            AMD);
    us = hub.cluster("us-pi", Labels.of("tier", "edge", "region", "us-east", "model", "rpi4"), ARM);
    lab = hub.cluster("lab", Labels.of("tier", "lab"), AMD);
    hub.start();
  }

  @AfterEach
  void tearDown() {
    hub.close();
    repo.close();
  }

  @Test
  void eachClusterGetsExactlyTheBundlesThatTargetAndAdmitIt() {
    assertThat(hub.revisions(euPi)).containsOnlyKeys("telemetry", "gateway");
    assertThat(hub.revisions(euNuc)).containsOnlyKeys("telemetry", "gateway", "gpu", "canary");
    assertThat(hub.revisions(us)).containsOnlyKeys("telemetry", "gateway");
    assertThat(hub.revisions(lab)).isEmpty();
    assertThat(hub.store.desired().assignments(euPi))
        .filteredOn(a -> a.bundle().equals("gpu"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(Assignment.State.NOT_ADMITTED);
              assertThat(a.message())
                  .contains("needs arch amd64, has arm64", "needs 4096 MiB of memory, has 2048");
            });
  }

  @Test
  void aBundleComesAfterTheBundlesItDependsOn() {
    for (ClusterId c : List.of(euPi, euNuc, us)) {
      List<String> order = hub.bundleOrder(c);
      assertThat(order.indexOf("telemetry")).isLessThan(order.indexOf("gateway"));
    }
  }

  @Test
  void aCommitToOneBundleReachesExactlyTheClustersItTargets() throws Exception {
    Map<ClusterId, DesiredRecord> before = records();
    hub.woken.clear();
    FleetRepo.simple(
        repo,
        "canary",
        "targets: [{selector: {matchExpressions: [{key: canary, operator: In, values: [\"true\"]}]}}]\n",
        "probe:2");
    String commit = repo.commit("canary probe 2");
    hub.poll();

    assertThat(hub.revisions(euNuc)).containsEntry("canary", commit);
    assertThat(hub.record(euNuc).generation()).isEqualTo(before.get(euNuc).generation() + 1);
    for (ClusterId c : List.of(euPi, us, lab)) {
      assertThat(hub.record(c))
          .as("cluster %s", c)
          .usingRecursiveComparison()
          .isEqualTo(before.get(c));
    }
    assertThat(hub.woken).containsExactly(euNuc);
  }

  @Test
  void aCommitChangingOneOverlayChangesOnlyTheDocumentsOfTheClustersThatUseIt() throws Exception {
    Map<ClusterId, DesiredRecord> before = records();
    hub.woken.clear();
    FleetRepo.region(repo, "us-east", "https://ingest2.us.example.com");
    String commit = repo.commit("us-east: new ingest endpoint");
    hub.poll();

    assertThat(hub.revisions(us)).containsEntry("telemetry", commit);
    assertThat(hub.record(us).etag()).isNotEqualTo(before.get(us).etag());
    assertThat(hub.record(us).generation()).isEqualTo(before.get(us).generation() + 1);
    for (ClusterId c : List.of(euPi, euNuc, lab)) {
      DesiredRecord now = hub.record(c);
      assertThat(now.etag()).as("ETag of %s", c).isEqualTo(before.get(c).etag());
      assertThat(now.generation()).as("generation of %s", c).isEqualTo(before.get(c).generation());
    }
    assertThat(hub.woken).containsExactly(us);
  }

  @Test
  void aCommitThatChangesNoRenderedBytesChangesNoDocument() throws Exception {
    Map<ClusterId, DesiredRecord> before = records();
    hub.woken.clear();
    repo.write("README.md", "unrelated\n");
    repo.commit("docs only");
    hub.poll();
    assertThat(records()).usingRecursiveComparison().isEqualTo(before);
    assertThat(hub.woken).isEmpty();
  }

  @Test
  void aBrokenBundleKeepsItsLastGoodRevisionAndDoesNotBlockTheOthers() throws Exception {
    String good = hub.revisions(euNuc).get("canary");
    repo.write("fleet/canary/bundle.yaml", "targets: [{selector: {matchLabels: nope}}]\n");
    FleetRepo.simple(
        repo,
        "gateway",
        "dependsOn: [telemetry]\ntargets: [{selector: {matchLabels: {tier: edge}}}]\n",
        "gw:2");
    String commit = repo.commit("break canary, update gateway");
    hub.poll();

    assertThat(hub.revisions(euNuc)).containsEntry("canary", good).containsEntry("gateway", commit);
    assertThat(hub.store.bundles().get("canary").orElseThrow().error())
        .contains("fleet/canary/bundle.yaml", "matchLabels");
    assertThat(hub.store.bundles().get("gateway").orElseThrow().error()).isEmpty();
  }

  @Test
  void aDependencyCycleKeepsWhatTheClustersRunAndSaysWhy() throws Exception {
    String gateway = hub.revisions(us).get("gateway");
    FleetRepo.simple(
        repo,
        "gateway",
        "dependsOn: [telemetry]\ntargets: [{selector: {matchLabels: {tier: edge}}}]\n",
        "gw:3");
    repo.write(
        "fleet/telemetry/bundle.yaml",
        hubRead("fleet/telemetry/bundle.yaml") + "dependsOn: [gateway]\n");
    repo.commit("a cycle");
    hub.poll();

    assertThat(hub.revisions(us)).containsEntry("gateway", gateway);
    assertThat(hub.store.desired().assignments(us))
        .filteredOn(a -> a.bundle().equals("gateway"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(Assignment.State.ERROR);
              assertThat(a.message()).contains("dependency cycle");
            });
  }

  @Test
  void aFailedFetchKeepsTheLastGoodRevisionAndIsReportedOnTheSource() throws Exception {
    SourceRecord ok = hub.store.sources().get("fleet").orElseThrow();
    Map<ClusterId, DesiredRecord> before = records();
    hub.store.sources().upsert("fleet", dir.resolve("gone").toUri().toString(), "main", "fleet");
    hub.poll();

    SourceRecord failed = hub.store.sources().get("fleet").orElseThrow();
    assertThat(failed.revision()).isEqualTo(ok.revision());
    assertThat(failed.error()).contains("gone").contains("failed");
    assertThat(failed.errorAt()).isPresent();
    assertThat(records()).usingRecursiveComparison().isEqualTo(before);

    hub.store.sources().upsert("fleet", repo.url(), "main", "fleet");
    hub.poll();
    assertThat(hub.store.sources().get("fleet").orElseThrow().error()).isEmpty();
  }

  @Test
  void aMissingBranchIsAFetchFailureThatNamesIt() throws Exception {
    hub.store.sources().upsert("fleet", repo.url(), "nope", "fleet");
    hub.poll();
    assertThat(hub.store.sources().get("fleet").orElseThrow().error()).contains("nope");
    assertThat(hub.revisions(us)).containsKey("telemetry");
  }

  @Test
  void removingASourceRemovesItsBundlesFromEveryDocument() throws Exception {
    hub.store.sources().remove("fleet");
    hub.poll();
    assertThat(hub.revisions(euNuc)).isEmpty();
    assertThat(hub.store.bundles().list()).isEmpty();
    assertThat(dir.resolve("hub/sources/fleet")).doesNotExist();
  }

  @Test
  void anInactiveLoopChangesNothing() throws Exception {
    Map<ClusterId, DesiredRecord> before = records();
    hub.loop.deactivate();
    FleetRepo.telemetry(repo, "9.9.9");
    repo.commit("while not leading");
    hub.poll();
    hub.distribute(us);
    assertThat(records()).usingRecursiveComparison().isEqualTo(before);

    hub.loop.activate();
    hub.poll();
    assertThat(hub.record(us).generation()).isGreaterThan(before.get(us).generation());
  }

  @Test
  void newLabelsAreTakenIntoAccountWhenTheClusterIsPlannedAgain() throws Exception {
    hub.store.clusters().setLabels(lab, Labels.of("tier", "edge", "region", "eu-west"));
    hub.distribute(lab);
    assertThat(hub.revisions(lab)).containsOnlyKeys("telemetry", "gateway", "gpu");
  }

  @Test
  void aReplicaThatCannotReadABundlesTreeKeepsWhatClustersRunInsteadOfPruning() throws Exception {
    Map<ClusterId, DesiredRecord> before = records();
    hub.loop.deactivate();
    hub.store
        .sources()
        .upsert("fleet", dir.resolve("unreachable").toUri().toString(), "main", "fleet");
    // a second hub on the same database with an empty data directory: it never fetched the source
    try (FleetEngine other =
        new FleetEngine(dir.resolve("other"), "jdbc:sqlite:" + dir.resolve("hub/flotilla.db"))) {
      other.start();
      assertThat(records()).usingRecursiveComparison().isEqualTo(before);
      assertThat(other.store.desired().assignments(us))
          .filteredOn(a -> a.bundle().equals("telemetry"))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.state()).isEqualTo(Assignment.State.ERROR);
                assertThat(a.message()).contains("cannot be read on this hub");
                assertThat(a.digest()).isNotEmpty();
              });
    }
  }

  @Test
  void aRestartedHubSignsNoDocumentWhoseContentIsUnchanged() throws Exception {
    Map<ClusterId, DesiredRecord> before = records();
    hub.loop.deactivate();
    try (FleetEngine restarted =
        new FleetEngine(dir.resolve("hub"), "jdbc:sqlite:" + dir.resolve("hub/flotilla.db"))) {
      restarted.start(); // plans every cluster, as a hub does when it starts leading
      assertThat(restarted.woken).isEmpty();
    }
    assertThat(records()).usingRecursiveComparison().isEqualTo(before);
  }

  @Test
  void aDocumentStoredWithoutAContentHashIsComparedByWhatItSays() throws Exception {
    Map<ClusterId, DesiredRecord> before = records();
    hub.loop.deactivate();
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub/flotilla.db"));
        java.sql.Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE desired SET content_hash = ''")).isEqualTo(4);
    }
    try (FleetEngine restarted =
        new FleetEngine(dir.resolve("hub"), "jdbc:sqlite:" + dir.resolve("hub/flotilla.db"))) {
      restarted.start();
      assertThat(restarted.woken).isEmpty();
      FleetRepo.telemetry(repo, "9.9.9");
      repo.commit("after the upgrade");
      restarted.poll();
      assertThat(restarted.woken).contains(us);
    }
    assertThat(hub.record(lab).generation()).isEqualTo(before.get(lab).generation());
    assertThat(hub.record(us).generation()).isGreaterThan(before.get(us).generation());
  }

  private Map<ClusterId, DesiredRecord> records() {
    Map<ClusterId, DesiredRecord> out = new java.util.HashMap<>();
    for (ClusterId c : List.of(euPi, euNuc, us, lab)) {
      out.put(c, hub.record(c));
    }
    return out;
  }

  private String hubRead(String path) throws Exception {
    return repo.read(path);
  }
}
