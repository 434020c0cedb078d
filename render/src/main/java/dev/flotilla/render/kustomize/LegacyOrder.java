package dev.flotilla.render.kustomize;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's default output order: kinds in a fixed dependency-friendly order (Namespace, CRDs,
 * RBAC, ConfigMaps and Secrets, Services, workloads ...; webhooks last), then by group, version,
 * kind, namespace and name.
 */
final class LegacyOrder {
  static final List<String> FIRST =
      List.of(
          "Namespace",
          "ResourceQuota",
          "StorageClass",
          "CustomResourceDefinition",
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
          "PriorityClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "Deployment",
          "StatefulSet",
          "CronJob",
          "PodDisruptionBudget");
  static final List<String> LAST =
      List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

  private LegacyOrder() {}

  static void sort(List<Resource> resources, List<String> first, List<String> last) {
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < first.size(); i++) {
      rank.put(first.get(i), -first.size() + i);
    }
    for (int i = 0; i < last.size(); i++) {
      rank.put(last.get(i), 1 + i);
    }
    Comparator<Resource> c =
        Comparator.<Resource>comparingInt(r -> rank.getOrDefault(r.curId().kind(), 0))
            .thenComparing(r -> gvk(r.curId()))
            .thenComparing(r -> gvk(r.curId()) + "|" + ns(r.curId()) + "|" + nm(r.curId()));
    resources.sort(c);
  }

  private static String gvk(ResId id) {
    return (id.group().isEmpty() ? "~G" : id.group())
        + "_"
        + (id.version().isEmpty() ? "~V" : id.version())
        + "_"
        + (id.kind().isEmpty() ? "~K" : id.kind());
  }

  private static String ns(ResId id) {
    return id.namespace().isEmpty() ? "~X" : id.namespace();
  }

  private static String nm(ResId id) {
    return id.name().isEmpty() ? "~N" : id.name();
  }
}
