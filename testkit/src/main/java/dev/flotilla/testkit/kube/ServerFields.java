package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.KubeObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metadata the API server owns (uid, resourceVersion, generation, creationTimestamp) and the
 * few defaults it fills in (pure, apart from drawing uids and versions from the store).
 */
final class ServerFields {
  private static final List<String> OWNED =
      List.of(
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "selfLink",
          "managedFields");
  private static final List<String> ORDER =
      List.of("name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp");

  private ServerFields() {}

  /** Drops what a client may not set through apply. */
  static void strip(Map<String, Object> config) {
    metadata(config).keySet().removeAll(OWNED);
  }

  static void defaults(ResourceKind kind, Map<String, Object> body) {
    if (kind.group().isEmpty() && kind.kind().equals("Namespace")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec =
          (Map<String, Object>) body.computeIfAbsent("spec", k -> new LinkedHashMap<>());
      spec.putIfAbsent("finalizers", List.of("kubernetes"));
      body.put("status", Map.of("phase", "Active"));
    }
  }

  /** An update cannot change who an object is. */
  static void keepIdentity(Map<String, Object> before, Map<String, Object> after) {
    after.put("apiVersion", before.get("apiVersion"));
    after.put("kind", before.get("kind"));
    Map<String, Object> was = metadata(before);
    Map<String, Object> meta = metadata(after);
    for (String k : ORDER) {
      if (was.containsKey(k)) {
        meta.put(k, was.get(k));
      }
    }
  }

  /**
   * Sets uid, creationTimestamp, generation (bumped when anything but metadata and status changed,
   * for kinds that have one) and resourceVersion (none for a dry-run create, the old one for a
   * dry-run update, as a real server answers).
   */
  static void stamp(
      ResourceKind kind,
      Map<String, Object> body,
      KubeObject previous,
      ObjectStore store,
      String now,
      boolean dryRun) {
    Map<String, Object> meta = metadata(body);
    boolean generation =
        !kind.group().isEmpty() && !kind.group().equals("rbac.authorization.k8s.io");
    if (previous == null) {
      meta.put("uid", store.nextUid());
      meta.put("creationTimestamp", now);
      if (generation) {
        meta.put("generation", 1);
      }
      meta.remove("resourceVersion");
      if (!dryRun) {
        meta.put("resourceVersion", store.nextResourceVersion());
      }
    } else {
      Map<String, Object> was = previous.metadata();
      meta.put("uid", was.get("uid"));
      meta.put("creationTimestamp", was.get("creationTimestamp"));
      if (generation) {
        int g = ((Number) was.getOrDefault("generation", 1)).intValue();
        meta.put("generation", contentChanged(previous.body(), body) ? g + 1 : g);
      }
      meta.put(
          "resourceVersion", dryRun ? was.get("resourceVersion") : store.nextResourceVersion());
    }
    order(body, meta);
  }

  private static boolean contentChanged(Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> a = new LinkedHashMap<>(before);
    Map<String, Object> b = new LinkedHashMap<>(after);
    for (String k : List.of("metadata", "status")) {
      a.remove(k);
      b.remove(k);
    }
    return !Objects.equals(a, b);
  }

  private static void order(Map<String, Object> body, Map<String, Object> meta) {
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String k : ORDER) {
      if (meta.containsKey(k)) {
        ordered.put(k, meta.get(k));
      }
    }
    meta.forEach(ordered::putIfAbsent);
    body.put("metadata", ordered);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> body) {
    return (Map<String, Object>) body.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
  }
}
