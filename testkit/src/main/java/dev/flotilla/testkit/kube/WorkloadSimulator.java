package dev.flotilla.testkit.kube;

import dev.flotilla.model.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Stands in for the controllers and kubelets of an in-memory cluster: after a Deployment,
 * StatefulSet, DaemonSet or Job is written, the status they would eventually report. The cluster
 * calls it synchronously, under its lock, so it must be quick and must not call the cluster.
 */
@FunctionalInterface
public interface WorkloadSimulator {
  Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

  /** The status to store for {@code workload}, or empty to leave its status as it is. */
  Optional<Map<String, Object>> statusFor(KubeObject workload);

  /** Every workload becomes ready (Jobs complete) as soon as it is written: the default. */
  static WorkloadSimulator readyAtOnce() {
    return w -> Optional.of(SimulatedStatus.ready(w));
  }

  /**
   * Workloads matching {@code fails} fail (a Deployment exceeds its progress deadline, a Job fails,
   * StatefulSets and DaemonSets never become ready); the others become ready.
   */
  static WorkloadSimulator failing(Predicate<KubeObject> fails) {
    return w -> Optional.of(fails.test(w) ? SimulatedStatus.failed(w) : SimulatedStatus.ready(w));
  }

  /**
   * Workloads are seen by their controller but never become ready, like a cluster without nodes.
   */
  static WorkloadSimulator stalled() {
    return w -> Optional.of(SimulatedStatus.progressing(w));
  }

  /** No controllers at all: statuses stay as written. */
  static WorkloadSimulator none() {
    return w -> Optional.empty();
  }

  /** Matches workloads with a container whose image contains {@code fragment}. */
  static Predicate<KubeObject> imageContains(String fragment) {
    return w -> images(w).stream().anyMatch(i -> i.contains(fragment));
  }

  /** The images of a workload's pod template (containers and init containers). */
  static List<String> images(KubeObject workload) {
    String spec =
        workload.kind().equals("CronJob")
            ? "spec.jobTemplate.spec.template.spec"
            : "spec.template.spec";
    return Stream.of("containers", "initContainers")
        .flatMap(f -> workload.at(spec + "." + f).stream())
        .flatMap(l -> ((List<?>) l).stream())
        .map(c -> c instanceof Map<?, ?> m ? String.valueOf(m.get("image")) : "")
        .toList();
  }
}
