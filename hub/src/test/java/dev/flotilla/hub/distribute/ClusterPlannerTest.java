package dev.flotilla.hub.distribute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.store.Assignment;
import dev.flotilla.hub.store.Assignment.State;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import dev.flotilla.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPlannerTest {
  @TempDir Path tree;
  final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  final BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());

  BundleSnapshot bundle(String name, String bundleYaml, String revision) throws Exception {
    Path dir = tree.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bundle.yaml"), bundleYaml);
    if (Files.exists(dir.resolve("cm.yaml"))) {
      BundleSpec spec =
          parser.parse(name + "/bundle.yaml", name, Files.readAllBytes(dir.resolve("bundle.yaml")));
      return new BundleSnapshot(spec, new Revision(revision), tree);
    }
    Files.writeString(
        dir.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
            + name
            + "\ndata:\n  site: ${cluster.name}\n");
    BundleSpec spec =
        parser.parse(name + "/bundle.yaml", name, Files.readAllBytes(dir.resolve("bundle.yaml")));
    return new BundleSnapshot(spec, new Revision(revision), tree);
  }

  ClusterRecord cluster(String name, Labels labels, Facts facts) {
    Instant now = clock.instant();
    return new ClusterRecord(
        new ClusterId("c-" + name), name, labels, facts, now, now, false, "1", now, "", 0, 0);
  }

  Map<String, Assignment> byBundle(ClusterPlan plan) {
    return plan.assignments().stream().collect(Collectors.toMap(Assignment::bundle, a -> a));
  }

  @Test
  void targetsAdmitsRendersAndOrdersByDependency() throws Exception {
    BundleSnapshot base =
        bundle("base", "targets: [{selector: {matchLabels: {tier: edge}}}]\n", "r1");
    BundleSnapshot app =
        bundle(
            "app", "dependsOn: [base]\ntargets: [{selector: {matchLabels: {tier: edge}}}]\n", "r1");
    BundleSnapshot big =
        bundle("big", "targets: [{selector: {}}]\nrequires: {minMemoryMiB: 8192}\n", "r1");
    BundleSnapshot other =
        bundle("other", "targets: [{selector: {matchLabels: {tier: core}}}]\n", "r1");
    ClusterPlanner planner =
        new ClusterPlanner(KustomizeBundleRenderer.withDefaults(), RolloutGate.ALL_AT_ONCE, clock);
    ClusterPlan plan =
        planner.plan(
            cluster(
                "edge-1",
                Labels.of("tier", "edge"),
                new Facts("arm64", 2048, "v1.30.0", "k3s", List.of(), 1, "")),
            List.of(app, base, big, other),
            Map.of());

    Map<String, Assignment> a = byBundle(plan);
    assertThat(a).containsOnlyKeys("app", "base", "big");
    assertThat(a.get("big").state()).isEqualTo(State.NOT_ADMITTED);
    assertThat(a.get("big").message())
        .isEqualTo("not admitted: needs 8192 MiB of memory, has 2048");
    assertThat(plan.document()).extracting(b -> b.name()).containsExactly("base", "app");
    assertThat(plan.rendered()).hasSize(2);
    assertThat(plan.rendered().get(0).yaml()).contains("site: edge-1");
  }

  @Test
  void keepsTheOldRevisionWhenTheRenderedBytesDidNotChange() throws Exception {
    ClusterPlanner planner =
        new ClusterPlanner(KustomizeBundleRenderer.withDefaults(), RolloutGate.ALL_AT_ONCE, clock);
    ClusterRecord c = cluster("edge-1", Labels.of("tier", "edge"), Facts.UNKNOWN);
    String yaml = "targets: [{selector: {matchLabels: {tier: edge}}}]\n";
    ClusterPlan first = planner.plan(c, List.of(bundle("web", yaml, "r1")), Map.of());
    Map<String, Assignment> current = byBundle(first);
    ClusterPlan second = planner.plan(c, List.of(bundle("web", yaml, "r2")), current);
    assertThat(second.document()).isEqualTo(first.document());
    assertThat(second.document().get(0).revision()).isEqualTo("r1");
    assertThat(second.rendered()).isEmpty();
  }

  @Test
  void aRenderErrorKeepsServingWhatTheClusterHad() throws Exception {
    ClusterPlanner planner =
        new ClusterPlanner(KustomizeBundleRenderer.withDefaults(), RolloutGate.ALL_AT_ONCE, clock);
    ClusterRecord c = cluster("edge-1", Labels.of("tier", "edge"), Facts.UNKNOWN);
    String yaml = "targets: [{selector: {matchLabels: {tier: edge}}}]\n";
    ClusterPlan first = planner.plan(c, List.of(bundle("web", yaml, "r1")), Map.of());
    Files.writeString(
        tree.resolve("web/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  x: ${label:missing}\n");
    ClusterPlan broken = planner.plan(c, List.of(bundle("web", yaml, "r2")), byBundle(first));
    Assignment a = byBundle(broken).get("web");
    assertThat(a.state()).isEqualTo(State.ERROR);
    assertThat(a.message()).contains("render of revision r2 failed").contains("${label:missing}");
    assertThat(broken.document()).isEqualTo(first.document());
  }

  @Test
  void aClosedGateKeepsTheClusterOnWhatItRuns() throws Exception {
    ClusterRecord c = cluster("edge-1", Labels.of("tier", "edge"), Facts.UNKNOWN);
    String yaml = "targets: [{selector: {matchLabels: {tier: edge}}}]\n";
    ClusterPlanner open =
        new ClusterPlanner(KustomizeBundleRenderer.withDefaults(), RolloutGate.ALL_AT_ONCE, clock);
    ClusterPlan first = open.plan(c, List.of(bundle("web", yaml, "r1")), Map.of());
    Files.writeString(
        tree.resolve("web/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  v: \"2\"\n");
    ClusterPlanner closed =
        new ClusterPlanner(KustomizeBundleRenderer.withDefaults(), (b, id, rev) -> false, clock);
    ClusterPlan held = closed.plan(c, List.of(bundle("web", yaml, "r2")), byBundle(first));
    assertThat(byBundle(held).get("web").state()).isEqualTo(State.WAITING);
    assertThat(held.document()).isEqualTo(first.document());
  }
}
