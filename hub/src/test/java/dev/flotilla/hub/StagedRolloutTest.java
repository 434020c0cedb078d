package dev.flotilla.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.hub.admin.FleetStatus;
import dev.flotilla.hub.distribute.RolloutChanges;
import dev.flotilla.hub.rollout.RolloutAction;
import dev.flotilla.hub.rollout.RolloutProgress;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import dev.flotilla.hub.store.RolloutRecord;
import dev.flotilla.hub.store.RolloutRecord.Phase;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.git.GitRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staged rollouts through the real hub machinery (catalog, controller, cluster planner, store) with
 * stand-in agents on a manual clock: stages, health gates, offline clusters, rollbacks, restarts.
 */
class StagedRolloutTest {
  static final String STAGED =
      """
      rollout:
        stages: [{name: canary, selector: {matchLabels: {ring: canary}}}, 50%, 100%]
        orderBy: model
        maxUnavailable: 100%
        healthTimeout: 1m
        failureThreshold: 0
        rollback: auto
      """;

  @TempDir Path dir;
  final ManualClock clock = ManualClock.startingAt("2026-03-01T00:00:00Z");
  GitRepo repo;
  RolloutRig hub;
  String r1;

  @BeforeEach
  void fleetOnTheFirstRevision() throws Exception {
    repo = GitRepo.init(dir.resolve("repo"), "main");
    r1 = commit("hello", "app:1.0", "", "");
    hub = open();
    hub.cluster("canary-1", Labels.of("tier", "edge", "ring", "canary", "model", "x86"));
    for (int i = 1; i <= 5; i++) {
      hub.cluster("site-" + i, Labels.of("tier", "edge", "model", i % 2 == 0 ? "pi4" : "x86"));
    }
    hub.poll();
    hub.rounds(2);
    assertThat(hub.served("web").values()).containsOnly(r1);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.COMPLETE);
  }

  @AfterEach
  void close() {
    if (hub != null) {
      hub.close();
    }
    repo.close();
  }

  RolloutRig open() throws IOException {
    RolloutRig rig = new RolloutRig(dir.resolve("hub"), clock);
    rig.store.sources().upsert("demo", repo.url(), "main", "apps");
    return rig;
  }

  /** Commits bundle "web": a greeting, an image, and optionally another image on model pi4. */
  String commit(String greeting, String image, String pi4Image, String rollout) throws IOException {
    repo.write(
        "apps/web/bundle.yaml",
        """
        namespace: apps
        render: {kustomize: base}
        overlays: ["overlays/model/${model}"]
        targets: [{selector: {matchLabels: {tier: edge}}}]
        """
            + rollout);
    repo.write(
        "apps/web/base/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            + "resources: [cm.yaml, deploy.yaml]\n");
    repo.write(
        "apps/web/base/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  greeting: "
            + greeting
            + "\n");
    repo.write(
        "apps/web/base/deploy.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: %s}]}
        """
            .formatted(image));
    if (pi4Image.isEmpty()) {
      repo.delete("apps/web/overlays");
    } else {
      repo.write(
          "apps/web/overlays/model/pi4/kustomization.yaml",
          """
          apiVersion: kustomize.config.k8s.io/v1alpha1
          kind: Component
          patches:
            - target: {kind: Deployment, name: web}
              patch: |-
                - op: replace
                  path: /spec/template/spec/containers/0/image
                  value: %s
          """
              .formatted(pi4Image));
    }
    return repo.commit(greeting);
  }

  @Test
  void stagesAdvanceOnlyWhenTheirReachableClustersAreHealthy() throws Exception {
    String r2 = commit("bonjour", "app:1.1", "", STAGED);
    hub.poll();
    Map<String, String> served = hub.served("web");
    assertThat(served).containsEntry("canary-1", r2);
    assertThat(served.values()).containsOnly(r1, r2).filteredOn(r2::equals).hasSize(1);
    assertThat(hub.rollout("web").stage()).isZero();

    hub.stalled.add("canary-1");
    hub.rounds(3);
    assertThat(hub.rollout("web").stage()).as("the canary is not healthy yet").isZero();
    assertThat(hub.served("web").values()).filteredOn(r2::equals).hasSize(1);

    hub.stalled.clear();
    hub.round(); // the canary reports healthy: the canary stage passes, 50% move
    assertThat(hub.rollout("web").stage()).isEqualTo(1);
    assertThat(hub.served("web").values()).filteredOn(r2::equals).hasSize(3);
    hub.round();
    assertThat(hub.rollout("web").stage()).isEqualTo(2);
    assertThat(hub.served("web").values()).containsOnly(r2);
    hub.round();
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.COMPLETE);
    assertThat(hub.events("web"))
        .endsWith("Started", "StageAdvanced", "StageAdvanced", "Completed");
    assertThat(hub.store.bundles().previous("web").orElseThrow().revision()).isEqualTo(r1);
  }

  @Test
  void aRevisionThatFailsOnOneModelIsRolledBackEverywhereAndStaysRolledBack() throws Exception {
    String r2 = commit("bonjour", "app:1.1", "", STAGED);
    hub.poll();
    hub.rounds(4);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.COMPLETE);

    String r3 = commit("hola", "app:1.2", "app:1.2-broken", STAGED);
    hub.poll();
    hub.round(); // the canary (x86) passes; the 50% stage takes the pi4s first (orderBy model)
    assertThat(hub.served("web"))
        .containsEntry("site-2", r3)
        .containsEntry("site-4", r3)
        .containsEntry("site-1", r2)
        .containsEntry("site-3", r2)
        .containsEntry("site-5", r2);
    hub.round(); // the pi4s fail
    RolloutRecord r = hub.rollout("web");
    assertThat(r.revision()).isEqualTo(r3);
    assertThat(r.phase()).isIn(Phase.ROLLING_BACK, Phase.ROLLED_BACK);
    assertThat(r.stage()).as("it stops at its stage").isEqualTo(1);
    assertThat(r.reason())
        .contains("rolled back automatically: 2 cluster(s) failed")
        .contains("site-2: Deployment.apps/apps/web FAILED: progress deadline exceeded");
    assertThat(hub.served("web").values()).containsOnly(r2);
    hub.rounds(2);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(hub.events("web")).endsWith("StageAdvanced", "RollingBack", "RolledBack");
    FleetStatus status =
        new FleetStatus(
            hub.store.clusters().list(),
            hub.store.desired().allAssignments(),
            hub.store.statuses().all(),
            clock.instant(),
            RolloutRig.OFFLINE_AFTER);
    assertThat(status.clustersOf("web"))
        .allSatisfy(c -> assertThat(c.state()).isEqualTo("READY"))
        .allSatisfy(c -> assertThat(c.revision()).isEqualTo(r2));

    // the rolled-back revision is not rolled out again, also not after a restart
    hub.rounds(3);
    hub.close();
    hub = open();
    hub.poll();
    hub.rounds(3);
    assertThat(hub.rollout("web").revision()).isEqualTo(r3);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(hub.served("web").values()).containsOnly(r2);

    // a newer commit rolls out from the last good revision
    String r4 = commit("hola", "app:1.3", "", STAGED);
    hub.poll();
    RolloutRecord next = hub.rollout("web");
    assertThat(next.revision()).isEqualTo(r4);
    assertThat(next.previousRevision()).isEqualTo(r2);
    hub.rounds(4);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.COMPLETE);
    assertThat(hub.served("web").values()).containsOnly(r4);
  }

  @Test
  void offlineClustersAreQueuedNotFailedAndConvergeWhenBack() throws Exception {
    hub.offline.add("site-2");
    hub.offline.add("site-3");
    clock.advance(RolloutRig.OFFLINE_AFTER);
    String r2 = commit("bonjour", "app:1.1", "", STAGED);
    hub.poll();
    hub.rounds(5);
    RolloutRecord r = hub.rollout("web");
    // offline, they neither block nor fail a stage
    assertThat(r.phase()).isEqualTo(Phase.COMPLETE);
    RolloutProgress p = RolloutView.of(r).progress();
    assertThat(p.queued()).isEqualTo(2);
    assertThat(p.queuedClusters()).containsExactlyInAnyOrder("site-2", "site-3");
    assertThat(p.failed()).isZero();
    assertThat(r.reason()).contains("2 offline (they converge when they are back)");
    assertThat(hub.served("web"))
        .as("the rollout is complete: their documents carry the revision")
        .containsEntry("site-2", r2)
        .containsEntry("site-3", r2);

    hub.offline.clear();
    hub.rounds(2);
    FleetStatus status =
        new FleetStatus(
            hub.store.clusters().list(),
            hub.store.desired().allAssignments(),
            hub.store.statuses().all(),
            clock.instant(),
            RolloutRig.OFFLINE_AFTER);
    assertThat(status.clustersOf("web"))
        .allSatisfy(c -> assertThat(c.state()).isEqualTo("READY"))
        .allSatisfy(c -> assertThat(c.revision()).isEqualTo(r2));
  }

  @Test
  void aClusterThatStaysUnhealthyPastTheHealthTimeoutFailsThePausedRollout() throws Exception {
    commit("bonjour", "app:1.1", "", STAGED.replace("rollback: auto", "rollback: manual"));
    hub.stalled.add("canary-1");
    hub.poll();
    hub.rounds(5); // 50s: within the minute
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.PROGRESSING);
    hub.rounds(2);
    RolloutRecord r = hub.rollout("web");
    assertThat(r.phase()).isEqualTo(Phase.PAUSED);
    assertThat(r.reason())
        .contains("canary-1: not healthy within the health timeout of 1m")
        .contains("(rollback: manual)");
  }

  @Test
  void aRestartResumesTheRolloutWhereItWas() throws Exception {
    String r2 = commit("bonjour", "app:1.1", "", STAGED);
    hub.poll();
    hub.round();
    RolloutRecord before = hub.rollout("web");
    assertThat(before.stage()).isEqualTo(1);
    Map<String, String> servedBefore = hub.served("web");
    hub.close();

    hub = open();
    hub.poll();
    assertThat(hub.rollout("web").id()).isEqualTo(before.id());
    assertThat(hub.rollout("web").stage()).isEqualTo(1);
    assertThat(hub.served("web")).isEqualTo(servedBefore);
    hub.rounds(3);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.COMPLETE);
    assertThat(hub.served("web").values()).containsOnly(r2);
    assertThat(hub.events("web")).filteredOn("Started"::equals).hasSize(2);
  }

  @Test
  void anOperatorPausesPromotesAndRollsBackACompleteRollout() throws Exception {
    String r2 = commit("bonjour", "app:1.1", "", STAGED);
    hub.poll();
    act(RolloutAction.PAUSE);
    hub.rounds(3);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.PAUSED);
    assertThat(hub.served("web").values()).filteredOn(r2::equals).hasSize(1);
    act(RolloutAction.RESUME);
    act(RolloutAction.PROMOTE);
    act(RolloutAction.PROMOTE);
    hub.round();
    assertThat(hub.rollout("web").stage()).isEqualTo(2);
    assertThat(hub.served("web").values()).containsOnly(r2);
    hub.round();
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.COMPLETE);

    act(RolloutAction.ROLLBACK);
    hub.rounds(2);
    assertThat(hub.rollout("web").phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(hub.served("web").values()).containsOnly(r1);
    assertThat(hub.events("web"))
        .containsSubsequence(
            "Paused", "Resumed", "Promoted", "Promoted", "RollingBack", "RolledBack");
  }

  @Test
  void aRemovedBundleTakesItsRolloutsAlong() throws Exception {
    repo.delete("apps/web");
    repo.write("apps/README.md", "no bundles\n");
    repo.commit("remove web");
    hub.poll();
    hub.round();
    assertThat(hub.store.rollouts().latest("web")).isEmpty();
    assertThat(hub.store.rollouts().events("web", 10)).isEmpty();
  }

  private void act(RolloutAction action) throws Exception {
    RolloutRecord r = hub.rollout("web");
    RolloutAction.Outcome o =
        action.apply(r, RolloutView.of(r).progress(), "admin:test", "", clock.instant());
    RolloutAction.Outcome.Applied applied = (RolloutAction.Outcome.Applied) o;
    assertThat(hub.store.rollouts().save(applied.next(), applied.events())).isPresent();
    hub.loop.distributeAll().get();
  }

  @Test
  void aRoundAfterAClusterRegisteredChangesNoOtherCluster() throws Exception {
    hub.cluster("site-6", Labels.of("tier", "edge", "model", "x86"));
    ClusterId joined = hub.clusters.get("site-6");
    String revision = hub.rollout("web").revision();
    // the rollout is complete: a cluster that joins gets its revision from the plan's fallback,
    // before any round counts it
    assertThat(hub.rollouts.allows("web", joined, revision)).isTrue();
    clock.advance(Duration.ofMinutes(1)); // past the recount of a finished rollout

    RolloutChanges changes = hub.rollouts.changes();

    assertThat(changes)
        .as("nobody's decision changed")
        .isEqualTo(new RolloutChanges.Some(Set.of()));
    assertThat(hub.rollouts.allows("web", joined, revision)).isTrue();
    assertThat(RolloutView.of(hub.rollout("web")).progress().targeted())
        .as("the recount counts it")
        .isEqualTo(7);
  }
}
