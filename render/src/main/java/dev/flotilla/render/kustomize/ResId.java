package dev.flotilla.render.kustomize;

import java.util.Map;
import java.util.Set;

/**
 * The identity Kustomize gives an object: group, version, kind, namespace, name. Two objects with
 * equal group, kind, namespace and name may not both be in one build.
 */
public record ResId(String group, String version, String kind, String namespace, String name) {
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "APIService",
          "ClusterIssuer",
          "ClusterRole",
          "ClusterRoleBinding",
          "ComponentStatus",
          "CSIDriver",
          "CSINode",
          "CustomResourceDefinition",
          "IngressClass",
          "MutatingWebhookConfiguration",
          "Namespace",
          "Node",
          "PersistentVolume",
          "PodSecurityPolicy",
          "PriorityClass",
          "RuntimeClass",
          "SelfSubjectAccessReview",
          "SelfSubjectRulesReview",
          "StorageClass",
          "SubjectAccessReview",
          "TokenReview",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "ValidatingWebhookConfiguration",
          "VolumeAttachment",
          "CertificateSigningRequest",
          "FlowSchema",
          "PriorityLevelConfiguration");

  public ResId {
    group = group == null ? "" : group;
    version = version == null ? "" : version;
    kind = kind == null ? "" : kind;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  static ResId of(Map<String, Object> body) {
    String apiVersion = Trees.string(body.get("apiVersion"));
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    Map<String, Object> meta = Trees.map(body.get("metadata"));
    return new ResId(
        group,
        version,
        Trees.string(body.get("kind")),
        meta == null ? "" : Trees.string(meta.get("namespace")),
        meta == null ? "" : Trees.string(meta.get("name")));
  }

  public boolean clusterScoped() {
    return CLUSTER_SCOPED.contains(kind);
  }

  /** Whether objects of this built-in kind live outside namespaces. */
  public static boolean isClusterScopedKind(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }

  /** The namespace as the API server sees it: empty means {@code default} for namespaced kinds. */
  String effectiveNamespace() {
    if (clusterScoped()) {
      return "";
    }
    return namespace.isEmpty() ? "default" : namespace;
  }

  boolean sameNamespace(ResId o) {
    return effectiveNamespace().equals(o.effectiveNamespace());
  }

  /** Same object: group, kind, namespace and name equal (the version may differ). */
  boolean sameObject(ResId o) {
    return group.equals(o.group) && kind.equals(o.kind) && name.equals(o.name) && sameNamespace(o);
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    String gvk = (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind;
    return gvk + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
