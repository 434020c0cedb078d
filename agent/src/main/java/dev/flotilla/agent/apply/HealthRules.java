package dev.flotilla.agent.apply;

import static dev.flotilla.agent.apply.StatusFields.condition;
import static dev.flotilla.agent.apply.StatusFields.conditionIs;

import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An object's health from its live state, after sigs.k8s.io/cli-utils kstatus (pure): deletion in
 * progress, an unobserved generation, the abnormal-true conditions {@code Stalled} (failed) and
 * {@code Reconciling}, then the rules of the workload kinds, CRDs, Pods, PVCs and LoadBalancer
 * Services, then a {@code Ready} condition; anything else is current once it exists.
 */
public final class HealthRules {
  private HealthRules() {}

  public static ObjectHealth assess(KubeObject live) {
    ObjectRef ref = live.ref();
    if (live.at("metadata.deletionTimestamp").isPresent()) {
      return new ObjectHealth(ref, ObjectHealth.Status.TERMINATING, "being deleted");
    }
    Optional<Integer> generation = StatusFields.optionalInteger(live, "metadata.generation");
    Optional<Integer> observed = StatusFields.optionalInteger(live, "status.observedGeneration");
    if (generation.isPresent() && observed.isPresent() && observed.get() < generation.get()) {
      return ObjectHealth.inProgress(
          ref, "generation " + generation.get() + " not yet observed (at " + observed.get() + ")");
    }
    if (conditionIs(live, "Stalled", "True")) {
      return ObjectHealth.failed(ref, "stalled: " + reason(live, "Stalled"));
    }
    if (conditionIs(live, "Reconciling", "True")) {
      return ObjectHealth.inProgress(ref, "reconciling: " + reason(live, "Reconciling"));
    }
    String group = ref.group();
    String kind = ref.kind();
    if (group.equals("apps") && kind.equals("Deployment")) {
      return WorkloadHealth.deployment(live);
    }
    if (group.equals("apps") && kind.equals("StatefulSet")) {
      return WorkloadHealth.statefulSet(live);
    }
    if (group.equals("apps") && kind.equals("DaemonSet")) {
      return WorkloadHealth.daemonSet(live);
    }
    if (group.equals("batch") && kind.equals("Job")) {
      return WorkloadHealth.job(live);
    }
    if (group.equals("apiextensions.k8s.io") && kind.equals("CustomResourceDefinition")) {
      return CrdWaiter.established(live)
          ? ObjectHealth.current(ref, "established")
          : ObjectHealth.inProgress(ref, "not yet established");
    }
    if (group.isEmpty()) {
      Optional<ObjectHealth> core = core(live);
      if (core.isPresent()) {
        return core.get();
      }
    }
    Optional<Map<?, ?>> ready = condition(live, "Ready");
    if (ready.isPresent() && !"True".equals(ready.get().get("status"))) {
      return ObjectHealth.inProgress(ref, "not ready: " + StatusFields.reason(ready.get()));
    }
    return ObjectHealth.current(ref, "");
  }

  private static Optional<ObjectHealth> core(KubeObject live) {
    ObjectRef ref = live.ref();
    String phase = StatusFields.string(live, "status.phase");
    switch (ref.kind()) {
      case "Pod" -> {
        if (phase.equals("Succeeded")) {
          return Optional.of(ObjectHealth.current(ref, "pod succeeded"));
        }
        if (phase.equals("Failed")) {
          return Optional.of(ObjectHealth.failed(ref, "pod failed"));
        }
        return Optional.of(
            phase.equals("Running") && conditionIs(live, "Ready", "True")
                ? ObjectHealth.current(ref, "pod running")
                : ObjectHealth.inProgress(ref, "pod " + (phase.isEmpty() ? "pending" : phase)));
      }
      case "PersistentVolumeClaim" -> {
        return Optional.of(
            phase.equals("Bound")
                ? ObjectHealth.current(ref, "bound")
                : ObjectHealth.inProgress(ref, "not yet bound"));
      }
      case "Service" -> {
        boolean lb = "LoadBalancer".equals(StatusFields.string(live, "spec.type"));
        boolean hasIngress =
            live.at("status.loadBalancer.ingress").map(i -> !((List<?>) i).isEmpty()).orElse(false);
        return lb && !hasIngress
            ? Optional.of(ObjectHealth.inProgress(ref, "waiting for a load balancer address"))
            : Optional.empty();
      }
      case "Namespace" -> {
        return phase.equals("Terminating")
            ? Optional.of(new ObjectHealth(ref, ObjectHealth.Status.TERMINATING, "terminating"))
            : Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static String reason(KubeObject live, String type) {
    return condition(live, type).map(StatusFields::reason).orElse("");
  }
}
