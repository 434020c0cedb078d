package dev.flotilla.agent.apply;

import dev.flotilla.model.ObjectRef;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order objects are applied in, as Flux and kustomize order them: definitions and namespaces,
 * then what other objects refer to (service accounts, RBAC, config, services), then workloads, then
 * kinds it does not know (custom resources), webhooks last. Ties break by group, kind, namespace
 * and name, so the order is stable whatever order a bundle lists its objects in. Pruning goes the
 * other way. Pure.
 */
public final class ApplyOrder {
  private static final List<String> FIRST =
      List.of(
          "CustomResourceDefinition",
          "Namespace",
          "ResourceQuota",
          "StorageClass",
          "RuntimeClass",
          "PriorityClass",
          "IngressClass",
          "ServiceAccount",
          "PodSecurityPolicy",
          "Role",
          "ClusterRole",
          "RoleBinding",
          "ClusterRoleBinding",
          "ConfigMap",
          "Secret",
          "Endpoints",
          "Service",
          "LimitRange",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "Job",
          "CronJob",
          "HorizontalPodAutoscaler",
          "PodDisruptionBudget");
  private static final List<String> LAST =
      List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
  private static final Map<String, Integer> RANK = ranks();

  /** Apply order. */
  public static final Comparator<ObjectRef> APPLY =
      Comparator.comparingInt((ObjectRef r) -> RANK.getOrDefault(r.kind(), 0))
          .thenComparing(ObjectRef::group)
          .thenComparing(ObjectRef::kind)
          .thenComparing(ObjectRef::namespace)
          .thenComparing(ObjectRef::name);

  /** Prune order: the reverse, so Namespaces and CRDs go last. */
  public static final Comparator<ObjectRef> PRUNE = APPLY.reversed();

  private ApplyOrder() {}

  /** Namespaces and CRDs: applied, and CRDs waited for, before everything else. */
  public static boolean isClusterDefinition(ObjectRef ref) {
    return (ref.kind().equals("Namespace") && ref.group().isEmpty())
        || (ref.kind().equals("CustomResourceDefinition")
            && ref.group().equals("apiextensions.k8s.io"));
  }

  public static boolean isCrd(ObjectRef ref) {
    return isClusterDefinition(ref) && !ref.kind().equals("Namespace");
  }

  private static Map<String, Integer> ranks() {
    Map<String, Integer> r = new HashMap<>();
    for (int i = 0; i < FIRST.size(); i++) {
      r.put(FIRST.get(i), i - FIRST.size());
    }
    for (int i = 0; i < LAST.size(); i++) {
      r.put(LAST.get(i), i + 1);
    }
    return Map.copyOf(r);
  }
}
