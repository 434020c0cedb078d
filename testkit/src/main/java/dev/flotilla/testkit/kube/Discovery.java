package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ResourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds an in-memory cluster serves: the built-in table plus the kinds of established
 * CustomResourceDefinitions. Not thread-safe: the cluster guards it.
 */
final class Discovery {
  private final Map<String, ResourceKind> builtin = new HashMap<>();
  private final Map<String, ResourceKind> custom = new HashMap<>();
  private final Map<String, Boolean> customStatus = new HashMap<>();
  private final Map<String, List<ResourceKind>> byCrd = new HashMap<>();

  Discovery(List<ResourceKind> builtinKinds) {
    builtinKinds.forEach(k -> builtin.put(id(k.apiVersion(), k.kind()), k));
  }

  Optional<ResourceKind> find(String apiVersion, String kind) {
    String id = id(apiVersion, kind);
    ResourceKind k = builtin.get(id);
    return Optional.ofNullable(k != null ? k : custom.get(id));
  }

  boolean isBuiltin(ResourceKind kind) {
    return builtin.containsKey(id(kind.apiVersion(), kind.kind()));
  }

  /**
   * Whether an apply may set {@code status}: Nodes, and custom resources without a status
   * subresource.
   */
  boolean statusIsApplied(ResourceKind kind) {
    if (isBuiltin(kind)) {
      return kind.kind().equals("Node") && kind.group().isEmpty();
    }
    return !customStatus.getOrDefault(id(kind.apiVersion(), kind.kind()), false);
  }

  /** Serves what {@code crdName} defines, replacing what it defined before. */
  void serve(String crdName, List<ResourceKind> kinds, Set<String> versionsWithStatus) {
    withdraw(crdName);
    for (ResourceKind k : kinds) {
      if (!builtin.containsKey(id(k.apiVersion(), k.kind()))) {
        custom.put(id(k.apiVersion(), k.kind()), k);
        customStatus.put(id(k.apiVersion(), k.kind()), versionsWithStatus.contains(k.version()));
      }
    }
    byCrd.put(crdName, List.copyOf(kinds));
  }

  /** Stops serving {@code crdName}'s kinds; returns them. */
  List<ResourceKind> withdraw(String crdName) {
    List<ResourceKind> kinds = byCrd.remove(crdName);
    if (kinds == null) {
      return List.of();
    }
    for (ResourceKind k : kinds) {
      custom.remove(id(k.apiVersion(), k.kind()));
      customStatus.remove(id(k.apiVersion(), k.kind()));
    }
    return kinds;
  }

  private static String id(String apiVersion, String kind) {
    return apiVersion + "|" + kind;
  }
}
