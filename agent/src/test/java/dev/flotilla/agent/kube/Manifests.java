package dev.flotilla.agent.kube;

import dev.flotilla.model.KubeObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small objects for tests, valid on a Kubernetes 1.20 API server and on the in-memory one. */
public final class Manifests {
  private Manifests() {}

  /** A name no other test run uses, e.g. {@code it-3f9a1c2b}. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static KubeObject namespace(String name) {
    return object("v1", "Namespace", "", name, Map.of());
  }

  public static KubeObject configMap(String namespace, String name, Map<String, ?> data) {
    return object("v1", "ConfigMap", namespace, name, Map.of("data", data));
  }

  public static KubeObject serviceAccount(String namespace, String name) {
    return object("v1", "ServiceAccount", namespace, name, Map.of());
  }

  public static KubeObject service(String namespace, String name, int port) {
    // 1.20 needs an explicit protocol for server-side apply of Service ports
    Map<String, Object> p = Map.of("name", "http", "port", port, "protocol", "TCP");
    return object(
        "v1",
        "Service",
        namespace,
        name,
        Map.of("spec", Map.of("selector", Map.of("app", name), "ports", List.of(p))));
  }

  public static KubeObject deployment(String namespace, String name, String image, int replicas) {
    return workload("apps/v1", "Deployment", namespace, name, image, Map.of("replicas", replicas));
  }

  public static KubeObject statefulSet(String namespace, String name, String image) {
    return workload("apps/v1", "StatefulSet", namespace, name, image, Map.of("serviceName", name));
  }

  public static KubeObject daemonSet(String namespace, String name, String image) {
    return workload("apps/v1", "DaemonSet", namespace, name, image, Map.of());
  }

  public static KubeObject job(String namespace, String name, String image) {
    Map<String, Object> container = Map.of("name", "main", "image", image);
    Map<String, Object> podSpec =
        Map.of("containers", List.of(container), "restartPolicy", "Never");
    return object(
        "batch/v1",
        "Job",
        namespace,
        name,
        Map.of("spec", Map.of("template", Map.of("spec", podSpec))));
  }

  public static KubeObject clusterRole(String name) {
    Map<String, Object> rule =
        Map.of(
            "apiGroups", List.of(""), "resources", List.of("configmaps"), "verbs", List.of("get"));
    return object(
        "rbac.authorization.k8s.io/v1", "ClusterRole", "", name, Map.of("rules", List.of(rule)));
  }

  /** A namespaced CRD {@code <plural>.<group>} serving {@code v1}, with a small schema. */
  public static KubeObject crd(String group, String kind, String plural) {
    Map<String, Object> specSchema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                "size", Map.of("type", "integer"),
                "color", Map.of("type", "string"),
                "tags", Map.of("type", "array", "items", Map.of("type", "string"))));
    Map<String, Object> schema =
        Map.of(
            "openAPIV3Schema", Map.of("type", "object", "properties", Map.of("spec", specSchema)));
    Map<String, Object> version =
        Map.of("name", "v1", "served", true, "storage", true, "schema", schema);
    Map<String, Object> names =
        Map.of(
            "kind",
            kind,
            "plural",
            plural,
            "singular",
            kind.toLowerCase(),
            "listKind",
            kind + "List");
    Map<String, Object> spec =
        Map.of("group", group, "scope", "Namespaced", "names", names, "versions", List.of(version));
    return object(
        "apiextensions.k8s.io/v1",
        "CustomResourceDefinition",
        "",
        plural + "." + group,
        Map.of("spec", spec));
  }

  public static KubeObject customResource(
      String group, String kind, String namespace, String name, int size) {
    return object(group + "/v1", kind, namespace, name, Map.of("spec", Map.of("size", size)));
  }

  /** {@code object} with one more label (a copy). */
  public static KubeObject withLabel(KubeObject object, String key, String value) {
    Map<String, Object> body = object.mutableBody();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
    @SuppressWarnings("unchecked")
    Map<String, Object> labels =
        (Map<String, Object>) meta.computeIfAbsent("labels", k -> new LinkedHashMap<>());
    labels.put(key, value);
    return KubeObject.of(body);
  }

  /** {@code object} with one more annotation (a copy). */
  public static KubeObject withAnnotation(KubeObject object, String key, String value) {
    Map<String, Object> body = object.mutableBody();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
    @SuppressWarnings("unchecked")
    Map<String, Object> annotations =
        (Map<String, Object>) meta.computeIfAbsent("annotations", k -> new LinkedHashMap<>());
    annotations.put(key, value);
    return KubeObject.of(body);
  }

  public static KubeObject object(
      String apiVersion, String kind, String namespace, String name, Map<String, ?> fields) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    if (!namespace.isEmpty()) {
      meta.put("namespace", namespace);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", apiVersion);
    body.put("kind", kind);
    body.put("metadata", meta);
    body.putAll(fields);
    return KubeObject.of(body);
  }

  private static KubeObject workload(
      String apiVersion,
      String kind,
      String namespace,
      String name,
      String image,
      Map<String, Object> extraSpec) {
    Map<String, Object> labels = Map.of("app", name);
    Map<String, Object> container = Map.of("name", "main", "image", image);
    Map<String, Object> template =
        Map.of(
            "metadata", Map.of("labels", labels), "spec", Map.of("containers", List.of(container)));
    Map<String, Object> spec = new LinkedHashMap<>(extraSpec);
    spec.put("selector", Map.of("matchLabels", labels));
    spec.put("template", template);
    return object(apiVersion, kind, namespace, name, Map.of("spec", spec));
  }
}
