package dev.flotilla.render.kustomize;

import java.util.List;
import java.util.Set;

/**
 * The list merge keys of the Kubernetes schema ({@code x-kubernetes-patch-merge-key}) for the lists
 * a strategic merge patch meets in built-in kinds. Lists of custom resources have no schema here,
 * so a patch replaces them, as Kustomize does without an OpenAPI document.
 */
final class MergeKeys {
  /** Merge a list of scalars as a set (e.g. finalizers). */
  static final List<String> PRIMITIVE = List.of();

  private static final Set<String> BUILTIN_GROUPS =
      Set.of(
          "",
          "apps",
          "batch",
          "policy",
          "autoscaling",
          "networking.k8s.io",
          "rbac.authorization.k8s.io",
          "storage.k8s.io",
          "scheduling.k8s.io",
          "admissionregistration.k8s.io",
          "apiextensions.k8s.io",
          "apiregistration.k8s.io",
          "coordination.k8s.io",
          "discovery.k8s.io",
          "node.k8s.io",
          "certificates.k8s.io",
          "events.k8s.io",
          "extensions");

  private MergeKeys() {}

  /**
   * The merge keys of the list at {@code path} (map keys from the object's root, list items
   * skipped) in an object of {@code id}'s kind; null if a patch replaces the list.
   */
  static List<String> of(ResId id, List<String> path) {
    if (!BUILTIN_GROUPS.contains(id.group())) {
      return null;
    }
    String field = path.get(path.size() - 1);
    String parent = path.size() > 1 ? path.get(path.size() - 2) : "";
    return switch (field) {
      case "containers",
          "initContainers",
          "ephemeralContainers",
          "imagePullSecrets",
          "env",
          "resourceClaims",
          "schedulingGates" ->
          List.of("name");
      case "volumes" -> parent.equals("spec") ? List.of("name") : null;
      case "volumeMounts" -> List.of("mountPath");
      case "volumeDevices" -> List.of("devicePath");
      case "hostAliases" -> List.of("ip");
      case "topologySpreadConstraints" -> List.of("topologyKey", "whenUnsatisfiable");
      case "ownerReferences" -> List.of("uid");
      case "conditions" -> List.of("type");
      case "finalizers" -> parent.equals("metadata") ? PRIMITIVE : null;
      case "ports" -> portKeys(id, path, parent);
      default -> null;
    };
  }

  private static List<String> portKeys(ResId id, List<String> path, String parent) {
    if (parent.equals("containers")
        || parent.equals("initContainers")
        || parent.equals("ephemeralContainers")) {
      return List.of("containerPort", "protocol");
    }
    if (id.kind().equals("Service") && path.equals(List.of("spec", "ports"))) {
      return List.of("port", "protocol");
    }
    return null;
  }
}
