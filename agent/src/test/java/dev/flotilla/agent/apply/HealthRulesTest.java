package dev.flotilla.agent.apply;

import static dev.flotilla.agent.apply.ObjectHealth.Status.CURRENT;
import static dev.flotilla.agent.apply.ObjectHealth.Status.FAILED;
import static dev.flotilla.agent.apply.ObjectHealth.Status.IN_PROGRESS;
import static dev.flotilla.agent.apply.ObjectHealth.Status.TERMINATING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.kube.Manifests;
import dev.flotilla.model.KubeObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
  private final KubeObject deployment = Manifests.deployment("edge", "web", "nginx", 2);

  @Test
  void aDeploymentIsCurrentWhenAllReplicasAreUpdatedReadyAndAvailable() {
    KubeObject d =
        live(deployment, 1, deploymentStatus(1, 2, 2, 2, 2, "True", "NewReplicaSetAvailable"));

    assertThat(HealthRules.assess(d).status()).isEqualTo(CURRENT);
  }

  @Test
  void aDeploymentIsInProgressUntilItsControllerObservedTheLatestGeneration() {
    KubeObject d =
        live(deployment, 2, deploymentStatus(1, 2, 2, 2, 2, "True", "NewReplicaSetAvailable"));

    ObjectHealth health = HealthRules.assess(d);

    assertThat(health.status()).isEqualTo(IN_PROGRESS);
    assertThat(health.message()).contains("generation 2");
  }

  @Test
  void aDeploymentIsInProgressWhileReplicasAreMissing() {
    KubeObject d =
        live(deployment, 1, deploymentStatus(1, 2, 2, 1, 1, "True", "ReplicaSetUpdated"));

    ObjectHealth health = HealthRules.assess(d);

    assertThat(health.status()).isEqualTo(IN_PROGRESS);
    assertThat(health.message()).isEqualTo("available: 1/2");
  }

  @Test
  void aDeploymentPastItsProgressDeadlineFailed() {
    KubeObject d =
        live(deployment, 1, deploymentStatus(1, 2, 2, 0, 0, "False", "ProgressDeadlineExceeded"));

    assertThat(HealthRules.assess(d).status()).isEqualTo(FAILED);
  }

  @Test
  void aDeploymentWithoutStatusIsInProgress() {
    assertThat(HealthRules.assess(live(deployment, 1, Map.of())).message())
        .isEqualTo("replicas: 0/2");
  }

  @Test
  void aStatefulSetIsCurrentWhenReadyAndOnTheUpdatedRevision() {
    KubeObject s = Manifests.statefulSet("edge", "db", "postgres");
    Map<String, Object> status =
        Map.of(
            "observedGeneration", 1,
            "replicas", 1,
            "readyReplicas", 1,
            "currentReplicas", 1,
            "currentRevision", "db-1",
            "updateRevision", "db-1");

    assertThat(HealthRules.assess(live(s, 1, status)).status()).isEqualTo(CURRENT);
    Map<String, Object> rolling = new LinkedHashMap<>(status);
    rolling.put("updateRevision", "db-2");
    assertThat(HealthRules.assess(live(s, 1, rolling)).status()).isEqualTo(IN_PROGRESS);
  }

  @Test
  void aDaemonSetIsCurrentWhenAvailableOnEveryScheduledNode() {
    KubeObject ds = Manifests.daemonSet("edge", "agent", "agent:1");
    Map<String, Object> status =
        Map.of(
            "observedGeneration", 1,
            "desiredNumberScheduled", 3,
            "currentNumberScheduled", 3,
            "updatedNumberScheduled", 3,
            "numberReady", 3,
            "numberAvailable", 2);

    assertThat(HealthRules.assess(live(ds, 1, status)).message()).isEqualTo("available: 2/3");
    assertThat(HealthRules.assess(live(ds, 1, Map.of())).status()).isEqualTo(IN_PROGRESS);
  }

  @Test
  void aJobIsCurrentWhenCompleteFailedWhenFailedAndInProgressOtherwise() {
    KubeObject job = Manifests.job("edge", "migrate", "migrate:1");

    assertThat(HealthRules.assess(live(job, 1, conditions("Complete", "True"))).status())
        .isEqualTo(CURRENT);
    assertThat(HealthRules.assess(live(job, 1, conditions("Failed", "True"))).status())
        .isEqualTo(FAILED);
    assertThat(HealthRules.assess(live(job, 1, Map.of("active", 1))).status())
        .isEqualTo(IN_PROGRESS);
  }

  @Test
  void aReadyConditionDecidesForOtherKinds() {
    KubeObject widget = Manifests.customResource("x.dev", "Widget", "edge", "w", 1);

    assertThat(HealthRules.assess(live(widget, 1, conditions("Ready", "True"))).status())
        .isEqualTo(CURRENT);
    assertThat(HealthRules.assess(live(widget, 1, conditions("Ready", "False"))).status())
        .isEqualTo(IN_PROGRESS);
    assertThat(HealthRules.assess(live(widget, 1, conditions("Stalled", "True"))).status())
        .isEqualTo(FAILED);
  }

  @Test
  void anythingElseIsCurrentOnceItExists() {
    assertThat(HealthRules.assess(Manifests.configMap("edge", "c", Map.of())).status())
        .isEqualTo(CURRENT);
  }

  @Test
  @SuppressWarnings("unchecked")
  void objectsBeingDeletedAreTerminating() {
    Map<String, Object> body = Manifests.configMap("edge", "c", Map.of()).mutableBody();
    ((Map<String, Object>) body.get("metadata")).put("deletionTimestamp", "2026-01-01T00:00:00Z");

    assertThat(HealthRules.assess(KubeObject.of(body)).status()).isEqualTo(TERMINATING);
  }

  @Test
  void aBundleIsFailedIfAnyObjectFailedAndProgressingIfAnyIsNotCurrent() {
    ObjectHealth ok = ObjectHealth.current(deployment.ref(), "");
    ObjectHealth waiting = ObjectHealth.inProgress(deployment.ref(), "ready: 0/2");
    ObjectHealth broken = ObjectHealth.failed(deployment.ref(), "progress deadline exceeded");

    assertThat(BundleHealth.of(List.of(ok)).state()).isEqualTo(BundleHealth.State.READY);
    assertThat(BundleHealth.of(List.of()).state()).isEqualTo(BundleHealth.State.READY);
    assertThat(BundleHealth.of(List.of(ok, waiting)).state())
        .isEqualTo(BundleHealth.State.PROGRESSING);
    assertThat(BundleHealth.of(List.of(waiting, broken, ok)).state())
        .isEqualTo(BundleHealth.State.FAILED);
    assertThat(BundleHealth.of(List.of(ok, waiting)).messages())
        .containsExactly("Deployment.apps/edge/web IN_PROGRESS: ready: 0/2");
  }

  private static Map<String, Object> deploymentStatus(
      int observed,
      int replicas,
      int updated,
      int ready,
      int available,
      String progressingStatus,
      String progressingReason) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("observedGeneration", observed);
    s.put("replicas", replicas);
    s.put("updatedReplicas", updated);
    s.put("readyReplicas", ready);
    s.put("availableReplicas", available);
    s.put(
        "conditions",
        List.of(
            Map.of("type", "Available", "status", available >= replicas ? "True" : "False"),
            Map.of(
                "type", "Progressing", "status", progressingStatus, "reason", progressingReason)));
    return s;
  }

  private static Map<String, Object> conditions(String type, String status) {
    return Map.of("conditions", List.of(Map.of("type", type, "status", status)));
  }

  @SuppressWarnings("unchecked")
  private static KubeObject live(KubeObject o, int generation, Map<String, Object> status) {
    Map<String, Object> body = o.mutableBody();
    ((Map<String, Object>) body.get("metadata")).put("generation", generation);
    body.put("status", status);
    return KubeObject.of(body);
  }
}
