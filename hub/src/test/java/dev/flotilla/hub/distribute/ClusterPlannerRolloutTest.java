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
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster planner serving the revision a rollout decision names. */
class ClusterPlannerRolloutTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  final BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());
  final ClusterRecord edge = cluster("edge-1", Labels.of("tier", "edge", "model", "rpi4"));

  /** A revision of bundle "web" in its own tree: a ConfigMap with {@code greeting}. */
  BundleSnapshot revision(String rev, String greeting, String targets) throws Exception {
    Path tree = dir.resolve(rev);
    Path bundle = tree.resolve("web");
    Files.createDirectories(bundle);
    String yaml = "dependsOn: []\ntargets: [{selector: {matchLabels: " + targets + "}}]\n";
    Files.writeString(bundle.resolve("bundle.yaml"), yaml);
    Files.writeString(
        bundle.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  greeting: "
            + greeting
            + "\n");
    BundleSpec spec = parser.parse("web/bundle.yaml", "web", yaml.getBytes());
    return new BundleSnapshot(spec, new Revision(rev), tree);
  }

  static BundleSnapshot withPrevious(BundleSnapshot newest, BundleSnapshot previous) {
    return new BundleSnapshot(
        newest.spec(), newest.revision(), newest.tree(), Optional.of(previous));
  }

  ClusterRecord cluster(String name, Labels labels) {
    Instant now = clock.instant();
    return new ClusterRecord(
        new ClusterId("c-" + name),
        name,
        labels,
        Facts.UNKNOWN,
        now,
        now,
        false,
        "1",
        now,
        "",
        0,
        0);
  }

  ClusterPlanner planner(RolloutDecision decision) {
    return new ClusterPlanner(
        KustomizeBundleRenderer.withDefaults(),
        new RolloutGate() {
          @Override
          public boolean allows(String bundle, ClusterId cluster, String revision) {
            return decision instanceof RolloutDecision.Newest;
          }

          @Override
          public RolloutDecision decide(BundleSnapshot bundle, ClusterId cluster) {
            return decision;
          }
        },
        clock);
  }

  static Map<String, Assignment> byBundle(ClusterPlan plan) {
    return plan.assignments().stream().collect(Collectors.toMap(Assignment::bundle, a -> a));
  }

  @Test
  void aClusterTheRolloutHasNotReachedJoinsOnThePreviousRevision() throws Exception {
    BundleSnapshot r1 = revision("r1", "hello", "{tier: edge}");
    BundleSnapshot r2 = withPrevious(revision("r2", "bonjour", "{tier: edge}"), r1);
    ClusterPlan plan =
        planner(new RolloutDecision.Wait("waiting for stage 2/3"))
            .plan(edge, List.of(r2), Map.of());
    Assignment a = byBundle(plan).get("web");
    assertThat(a.state()).isEqualTo(State.WAITING);
    assertThat(a.revision()).isEqualTo("r1");
    assertThat(a.message()).isEqualTo("waiting for stage 2/3");
    assertThat(plan.document())
        .singleElement()
        .satisfies(d -> assertThat(d.revision()).isEqualTo("r1"));
    assertThat(plan.rendered())
        .singleElement()
        .satisfies(m -> assertThat(m.yaml()).contains("hello"));
  }

  @Test
  void aWaitingClusterWhoseContentTheRevisionLeavesAloneCountsAsAssigned() throws Exception {
    BundleSnapshot r1 = revision("r1", "hello", "{tier: edge}");
    ClusterPlan first = planner(RolloutDecision.NEWEST).plan(edge, List.of(r1), Map.of());
    BundleSnapshot r2 = withPrevious(revision("r2", "hello", "{tier: edge}"), r1);
    ClusterPlan second =
        planner(new RolloutDecision.Wait("not yet")).plan(edge, List.of(r2), byBundle(first));
    Assignment a = byBundle(second).get("web");
    assertThat(a.state()).isEqualTo(State.ASSIGNED);
    assertThat(a.revision()).isEqualTo("r1");
    assertThat(second.document()).isEqualTo(first.document());
  }

  @Test
  void aRollbackServesThePreviousRevisionToAClusterThatMoved() throws Exception {
    BundleSnapshot r1 = revision("r1", "hello", "{tier: edge}");
    BundleSnapshot r2 = withPrevious(revision("r2", "bonjour", "{tier: edge}"), r1);
    ClusterPlan moved = planner(RolloutDecision.NEWEST).plan(edge, List.of(r2), Map.of());
    assertThat(byBundle(moved).get("web").revision()).isEqualTo("r2");
    ClusterPlan back =
        planner(new RolloutDecision.Previous("revision r2 was rolled back: 2 failed"))
            .plan(edge, List.of(r2), byBundle(moved));
    Assignment a = byBundle(back).get("web");
    assertThat(a.state()).isEqualTo(State.ROLLED_BACK);
    assertThat(a.revision()).isEqualTo("r1");
    assertThat(a.message()).contains("rolled back");
    assertThat(back.rendered())
        .singleElement()
        .satisfies(m -> assertThat(m.yaml()).contains("hello"));
    assertThat(back.document())
        .singleElement()
        .satisfies(d -> assertThat(d.digest()).isEqualTo(a.digest()));
  }

  @Test
  void aRollbackRemovesTheBundleWhereThePreviousRevisionDidNotDeployIt() throws Exception {
    BundleSnapshot r1 = revision("r1", "hello", "{tier: core}");
    BundleSnapshot r2 = withPrevious(revision("r2", "bonjour", "{tier: edge}"), r1);
    ClusterPlan moved = planner(RolloutDecision.NEWEST).plan(edge, List.of(r2), Map.of());
    ClusterPlan back =
        planner(new RolloutDecision.Previous("rolled back"))
            .plan(edge, List.of(r2), byBundle(moved));
    Assignment a = byBundle(back).get("web");
    assertThat(a.state()).isEqualTo(State.ROLLED_BACK);
    assertThat(a.served()).isFalse();
    assertThat(a.message()).contains("revision r1 does not deploy it here");
    assertThat(back.document()).isEmpty();
  }

  @Test
  void withoutAPreviousRevisionAWaitingClusterKeepsWhatItRuns() throws Exception {
    BundleSnapshot r1 = revision("r1", "hello", "{tier: edge}");
    ClusterPlan first = planner(RolloutDecision.NEWEST).plan(edge, List.of(r1), Map.of());
    BundleSnapshot r2 = revision("r2", "bonjour", "{tier: edge}");
    ClusterPlan held =
        planner(new RolloutDecision.Wait("not yet")).plan(edge, List.of(r2), byBundle(first));
    assertThat(byBundle(held).get("web").state()).isEqualTo(State.WAITING);
    assertThat(held.document()).isEqualTo(first.document());
    ClusterPlan none =
        planner(new RolloutDecision.Wait("not yet")).plan(edge, List.of(r2), Map.of());
    assertThat(none.document()).isEmpty();
  }
}
