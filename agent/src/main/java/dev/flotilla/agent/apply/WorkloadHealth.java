package dev.flotilla.agent.apply;

import static dev.flotilla.agent.apply.StatusFields.condition;
import static dev.flotilla.agent.apply.StatusFields.conditionIs;
import static dev.flotilla.agent.apply.StatusFields.integer;

import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.util.Map;
import java.util.Optional;

/**
 * kstatus' rules for Deployments, StatefulSets, DaemonSets and Jobs (pure). One deliberate
 * difference: a Job that has neither completed nor failed is IN_PROGRESS (kstatus calls it
 * Current), so a bundle with a migration Job is not ready before the Job is done.
 */
final class WorkloadHealth {
  private WorkloadHealth() {}

  static ObjectHealth deployment(KubeObject d) {
    ObjectRef ref = d.ref();
    Optional<Map<?, ?>> progressing = condition(d, "Progressing");
    if (progressing.isPresent()
        && "ProgressDeadlineExceeded".equals(progressing.get().get("reason"))) {
      return ObjectHealth.failed(ref, "progress deadline exceeded");
    }
    int spec = integer(d, "spec.replicas", 1);
    int replicas = integer(d, "status.replicas", 0);
    int updated = integer(d, "status.updatedReplicas", 0);
    int ready = integer(d, "status.readyReplicas", 0);
    int available = integer(d, "status.availableReplicas", 0);
    if (spec > replicas) {
      return ObjectHealth.inProgress(ref, "replicas: " + replicas + "/" + spec);
    }
    if (spec > updated) {
      return ObjectHealth.inProgress(ref, "updated: " + updated + "/" + spec);
    }
    if (replicas > spec) {
      return ObjectHealth.inProgress(ref, "pending termination: " + (replicas - spec));
    }
    if (updated > available) {
      return ObjectHealth.inProgress(ref, "available: " + available + "/" + updated);
    }
    if (spec > ready) {
      return ObjectHealth.inProgress(ref, "ready: " + ready + "/" + spec);
    }
    boolean newReplicaSetAvailable =
        progressing.isPresent()
            && "True".equals(progressing.get().get("status"))
            && "NewReplicaSetAvailable".equals(progressing.get().get("reason"));
    if (!newReplicaSetAvailable) {
      return ObjectHealth.inProgress(ref, "new ReplicaSet not available yet");
    }
    if (!conditionIs(d, "Available", "True")) {
      return ObjectHealth.inProgress(ref, "Deployment not Available");
    }
    return ObjectHealth.current(ref, "replicas: " + ready + "/" + spec);
  }

  static ObjectHealth statefulSet(KubeObject s) {
    ObjectRef ref = s.ref();
    if ("OnDelete".equals(StatusFields.string(s, "spec.updateStrategy.type"))) {
      return ObjectHealth.current(ref, "OnDelete update strategy");
    }
    int spec = integer(s, "spec.replicas", 1);
    int ready = integer(s, "status.readyReplicas", 0);
    if (spec > integer(s, "status.replicas", 0)) {
      return ObjectHealth.inProgress(
          ref, "replicas: " + integer(s, "status.replicas", 0) + "/" + spec);
    }
    if (spec > ready) {
      return ObjectHealth.inProgress(ref, "ready: " + ready + "/" + spec);
    }
    Optional<Integer> partition =
        StatusFields.optionalInteger(s, "spec.updateStrategy.rollingUpdate.partition");
    if (partition.isPresent()) {
      int expected = Math.max(0, spec - partition.get());
      int updated = integer(s, "status.updatedReplicas", 0);
      return updated < expected
          ? ObjectHealth.inProgress(ref, "updated: " + updated + "/" + expected)
          : ObjectHealth.current(ref, "partitioned rollout complete");
    }
    int current = integer(s, "status.currentReplicas", 0);
    if (spec > current) {
      return ObjectHealth.inProgress(ref, "current: " + current + "/" + spec);
    }
    String currentRevision = StatusFields.string(s, "status.currentRevision");
    if (!currentRevision.equals(StatusFields.string(s, "status.updateRevision"))) {
      return ObjectHealth.inProgress(ref, "waiting for the updated revision");
    }
    return ObjectHealth.current(ref, "replicas: " + ready + "/" + spec);
  }

  static ObjectHealth daemonSet(KubeObject d) {
    ObjectRef ref = d.ref();
    Optional<Integer> desired = StatusFields.optionalInteger(d, "status.desiredNumberScheduled");
    if (desired.isEmpty()) {
      return ObjectHealth.inProgress(ref, "not yet scheduled");
    }
    int want = desired.get();
    String[][] checks = {
      {"status.currentNumberScheduled", "scheduled"},
      {"status.updatedNumberScheduled", "updated"},
      {"status.numberReady", "ready"},
      {"status.numberAvailable", "available"}
    };
    for (String[] check : checks) {
      int have = integer(d, check[0], 0);
      if (want > have) {
        return ObjectHealth.inProgress(ref, check[1] + ": " + have + "/" + want);
      }
    }
    return ObjectHealth.current(ref, "ready on " + want + " nodes");
  }

  static ObjectHealth job(KubeObject j) {
    ObjectRef ref = j.ref();
    if (conditionIs(j, "Failed", "True")) {
      return ObjectHealth.failed(
          ref, "Job failed: " + condition(j, "Failed").map(StatusFields::reason).orElse(""));
    }
    if (conditionIs(j, "Complete", "True")) {
      return ObjectHealth.current(ref, "Job completed");
    }
    return ObjectHealth.inProgress(
        ref,
        "Job running: active "
            + integer(j, "status.active", 0)
            + ", succeeded "
            + integer(j, "status.succeeded", 0)
            + ", failed "
            + integer(j, "status.failed", 0));
  }
}
