package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.hub.admin.AdminConf;
import dev.flotilla.hub.admin.AdminViews.ClusterView;
import dev.flotilla.hub.rollout.RolloutViews.EventView;
import dev.flotilla.hub.rollout.RolloutViews.RolloutHistory;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staged rollouts with real processes: a hub and three agents on in-memory clusters, each agent on
 * its own link. Edge-1 is the canary; {@code orderBy: wave} puts edge-2 in the second stage and
 * edge-3 in the third.
 */
class RolloutIT {
  static final String STAGED =
      """
      rollout:
        stages: [{name: canary, selector: {matchLabels: {wave: a}}}, 60%, 100%]
        orderBy: wave
        maxUnavailable: 1
        healthTimeout: 2m
        failureThreshold: 0
        rollback: auto
      """;

  @TempDir java.nio.file.Path dir;
  ProcessFleet fleet;
  String r1;

  /** The hub, edge-2 failing images tagged "-bad", and every cluster on the first revision. */
  @BeforeEach
  void fleetOnTheFirstRevision() throws Exception {
    fleet = new ProcessFleet(dir);
    r1 = fleet.commit("hello", "registry.example/web:1.0", "");
    fleet.startHub();
    fleet.startAgent("edge-1", "wave=a", Optional.empty());
    fleet.startAgent("edge-2", "wave=b", Optional.of("-bad"));
    fleet.startAgent("edge-3", "wave=c", Optional.empty());
    for (String c : List.of("edge-1", "edge-2", "edge-3")) {
      fleet.awaitGreeting(c, "hello");
    }
  }

  @AfterEach
  void stop() throws Exception {
    fleet.close();
  }

  @Test
  void aThreeStageRolloutCompletesStageByStage() throws Exception {
    String r2 = fleet.commit("bonjour", "registry.example/web:1.1", STAGED);
    RolloutView done = fleet.awaitRollout(r2, "COMPLETE");
    for (String c : List.of("edge-1", "edge-2", "edge-3")) {
      fleet.awaitGreeting(c, "bonjour");
    }
    assertThat(done.previousRevision()).isEqualTo(r1);
    assertThat(done.progress().stageNames()).containsExactly("canary", "60%", "100%");
    assertThat(messages(r2))
        .containsSubsequence(
            "stage 1/3 (canary) passed: 1 healthy, 0 unchanged, 0 failed, 0 queued offline",
            "stage 2/3 (60%) passed: 1 healthy, 0 unchanged, 0 failed, 0 queued offline",
            "complete: every stage passed; 3 healthy, 0 unchanged, 0 failed");

    FlotillaProcess.Result status = fleet.cli("rollout", "status", "web");
    assertThat(status.exitCode()).as(status.stderr()).isZero();
    assertThat(status.stdout())
        .contains("Phase:     COMPLETE")
        .contains("[##############################] 3/3 on " + r2.substring(0, 7))
        .contains("canary (passed) > 60% (passed) > 100% (passed)");
    FlotillaProcess.Result history = fleet.cli("rollout", "history", "web");
    assertThat(history.stdout())
        .contains("StageAdvanced")
        .contains("Completed")
        .contains("COMPLETE");
  }

  @Test
  void aFailingRevisionStopsAtItsStageAndRollsBack() throws Exception {
    String r2 = fleet.commit("bonjour", "registry.example/web:1.1", STAGED);
    fleet.awaitRollout(r2, "COMPLETE");
    Set<String> seenOnEdge3 = ConcurrentHashMap.newKeySet();
    Thread watcher =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      fleet.greeting("edge-3").ifPresent(seenOnEdge3::add);
                      Thread.sleep(50);
                    } catch (Exception e) {
                      return;
                    }
                  }
                });
    String r3 = fleet.commit("hola", "registry.example/web:2.0-bad", STAGED);
    RolloutView back = fleet.awaitRollout(r3, "ROLLED_BACK");
    for (String c : List.of("edge-1", "edge-2", "edge-3")) {
      fleet.awaitGreeting(c, "bonjour");
    }
    watcher.interrupt();
    assertThat(back.stage()).as("it stopped at stage 2/3").isEqualTo(1);
    assertThat(back.serving()).isEqualTo(r2);
    assertThat(back.reason())
        .startsWith("rolled back automatically: 1 cluster(s) failed")
        .contains("edge-2: ");
    assertThat(messages(r3))
        .contains("stage 1/3 (canary) passed: 1 healthy, 0 unchanged, 0 failed, 0 queued offline")
        .noneMatch(m -> m.startsWith("stage 2/3"))
        .contains("every reachable cluster runs revision " + r2.substring(0, 7) + " again");
    assertThat(seenOnEdge3)
        .as("edge-3, in the last stage, never got the failing revision")
        .doesNotContain("hola");

    // not rolled out again: resume is refused, and the hub keeps it rolled back
    FlotillaProcess.Result resume = fleet.cli("rollout", "resume", "web");
    assertThat(resume.exitCode()).isEqualTo(1);
    assertThat(resume.stderr())
        .contains("was rolled back; commit a newer revision to roll out again");
    FlotillaProcess.Result status = fleet.cli("rollout", "status", "web");
    assertThat(status.stdout())
        .contains("Phase:     ROLLED_BACK")
        .contains("back on " + r2.substring(0, 7));
  }

  @Test
  void clustersOfflineDuringTheRolloutConvergeWhenTheyReturn() throws Exception {
    fleet.links.get("edge-3").setUp(false);
    await("edge-3 is offline")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !online("edge-3"));
    String r2 = fleet.commit("bonjour", "registry.example/web:1.1", STAGED);
    RolloutView done = fleet.awaitRollout(r2, "COMPLETE");
    assertThat(done.progress().queuedClusters()).containsExactly("edge-3");
    assertThat(done.progress().failed()).isZero();
    assertThat(done.reason()).contains("1 offline (they converge when they are back)");
    assertThat(fleet.greeting("edge-3")).contains("hello");

    fleet.links.get("edge-3").setUp(true);
    fleet.awaitGreeting("edge-3", "bonjour");
    await("edge-3 reports the revision healthy")
        .atMost(Duration.ofSeconds(60))
        .until(() -> fleet.rollout("web").orElseThrow().progress().healthy() == 3);
  }

  @Test
  void aHubRestartedMidRolloutResumesWhereItWas() throws Exception {
    // edge-2 fails the revision: with rollback: manual the rollout pauses at stage 2/3
    String r2 =
        fleet.commit(
            "bonjour",
            "registry.example/web:1.1-bad",
            STAGED.replace("rollback: auto", "rollback: manual"));
    RolloutView paused = fleet.awaitRollout(r2, "PAUSED");
    assertThat(paused.stage()).isEqualTo(1);
    assertThat(paused.reason()).startsWith("paused: 1 cluster(s) failed").contains("edge-2");
    fleet.awaitGreeting("edge-2", "bonjour");
    List<String> before = List.of(greeting("edge-1"), greeting("edge-2"), greeting("edge-3"));
    assertThat(before).containsExactly("bonjour", "bonjour", "hello");

    fleet.stopHub();
    fleet.startHub();
    await("the restarted hub answers")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> fleet.rollout("web").isPresent());
    RolloutView after = fleet.rollout("web").orElseThrow();
    assertThat(after.id()).isEqualTo(paused.id());
    assertThat(after.phase()).isEqualTo("PAUSED");
    assertThat(after.stage()).isEqualTo(1);
    assertThat(List.of(greeting("edge-1"), greeting("edge-2"), greeting("edge-3")))
        .isEqualTo(before);

    // resumed (accepting edge-2's failure), the controller carries on from stage 2/3
    FlotillaProcess.Result resume =
        fleet.cli("rollout", "resume", "web", "--reason", "known issue");
    assertThat(resume.exitCode()).as(resume.stderr()).isZero();
    fleet.awaitRollout(r2, "COMPLETE");
    fleet.awaitGreeting("edge-3", "bonjour");
    List<String> events = messages(r2);
    assertThat(events).filteredOn(m -> m.startsWith("rolling out revision")).hasSize(1);
    assertThat(events)
        .containsSubsequence(
            "stage 1/3 (canary) passed: 1 healthy, 0 unchanged, 0 failed, 0 queued offline",
            "resumed by admin:" + tokenId() + ": known issue",
            "stage 2/3 (60%) passed: 0 healthy, 0 unchanged, 1 failed, 0 queued offline");
  }

  private String greeting(String cluster) throws Exception {
    return fleet.greeting(cluster).orElse("");
  }

  private String tokenId() {
    String token = AdminConf.read(fleet.adminConf()).token();
    return token.split("\\.")[1];
  }

  private boolean online(String cluster) {
    try (AdminClient c = fleet.admin()) {
      return c.getList("/v1/admin/clusters", ClusterView.class).stream()
          .filter(v -> v.name().equals(cluster))
          .anyMatch(ClusterView::online);
    }
  }

  /** The messages of the rollout of {@code revision}'s events, oldest first. */
  private List<String> messages(String revision) {
    try (AdminClient c = fleet.admin()) {
      RolloutHistory h = c.get("/v1/admin/rollouts/web/history", RolloutHistory.class);
      long id =
          h.rollouts().stream()
              .filter(r -> r.revision().equals(revision))
              .findFirst()
              .orElseThrow()
              .id();
      return h.events().stream()
          .filter(e -> e.rollout() == id)
          .map(EventView::message)
          .toList()
          .reversed();
    }
  }
}
