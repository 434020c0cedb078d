package dev.flotilla.testkit.kube;

import dev.flotilla.model.KubeObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statuses Kubernetes controllers write for workloads that are ready, failed or still in
 * progress, shaped as the real controllers shape them (pure). A DaemonSet is taken to run on one
 * node.
 */
final class SimulatedStatus {
  private SimulatedStatus() {}

  static Map<String, Object> ready(KubeObject w) {
    int n = replicas(w);
    Map<String, Object> s = observed(w);
    switch (w.kind()) {
      case "Deployment" -> {
        s.put("replicas", n);
        s.put("updatedReplicas", n);
        s.put("readyReplicas", n);
        s.put("availableReplicas", n);
        s.put(
            "conditions",
            List.of(
                condition("Available", "True", "MinimumReplicasAvailable"),
                condition("Progressing", "True", "NewReplicaSetAvailable")));
      }
      case "StatefulSet" -> {
        s.put("replicas", n);
        s.put("readyReplicas", n);
        s.put("currentReplicas", n);
        s.put("updatedReplicas", n);
        s.put("availableReplicas", n);
        s.put("currentRevision", w.name() + "-1");
        s.put("updateRevision", w.name() + "-1");
      }
      case "DaemonSet" -> daemonSet(s, 1);
      case "Job" -> {
        int completions = w.at("spec.completions").map(v -> ((Number) v).intValue()).orElse(1);
        s.put("succeeded", completions);
        s.put("conditions", List.of(condition("Complete", "True", "")));
      }
      default -> {}
    }
    return s;
  }

  static Map<String, Object> failed(KubeObject w) {
    Map<String, Object> s = observed(w);
    switch (w.kind()) {
      case "Deployment" -> {
        s.put("replicas", replicas(w));
        s.put("updatedReplicas", replicas(w));
        s.put("unavailableReplicas", replicas(w));
        s.put(
            "conditions",
            List.of(
                condition("Available", "False", "MinimumReplicasUnavailable"),
                condition("Progressing", "False", "ProgressDeadlineExceeded")));
      }
      case "Job" -> {
        s.put("failed", 1);
        s.put("conditions", List.of(condition("Failed", "True", "BackoffLimitExceeded")));
      }
      default -> {
        return progressing(w);
      }
    }
    return s;
  }

  static Map<String, Object> progressing(KubeObject w) {
    Map<String, Object> s = observed(w);
    switch (w.kind()) {
      case "Deployment" -> {
        s.put("replicas", replicas(w));
        s.put("updatedReplicas", replicas(w));
        s.put("unavailableReplicas", replicas(w));
        s.put(
            "conditions",
            List.of(
                condition("Available", "False", "MinimumReplicasUnavailable"),
                condition("Progressing", "True", "ReplicaSetUpdated")));
      }
      case "StatefulSet" -> {
        s.put("replicas", replicas(w));
        s.put("currentRevision", w.name() + "-1");
        s.put("updateRevision", w.name() + "-1");
      }
      case "DaemonSet" -> daemonSet(s, 0);
      case "Job" -> s.put("active", 1);
      default -> {}
    }
    return s;
  }

  private static void daemonSet(Map<String, Object> s, int ready) {
    s.put("desiredNumberScheduled", 1);
    s.put("currentNumberScheduled", 1);
    s.put("updatedNumberScheduled", 1);
    s.put("numberReady", ready);
    s.put("numberAvailable", ready);
    s.put("numberMisscheduled", 0);
  }

  private static Map<String, Object> observed(KubeObject w) {
    Map<String, Object> s = new LinkedHashMap<>();
    w.at("metadata.generation").ifPresent(g -> s.put("observedGeneration", g));
    return s;
  }

  private static int replicas(KubeObject w) {
    return w.at("spec.replicas").map(v -> ((Number) v).intValue()).orElse(1);
  }

  private static Map<String, Object> condition(String type, String status, String reason) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    if (!reason.isEmpty()) {
      c.put("reason", reason);
    }
    return c;
  }
}
