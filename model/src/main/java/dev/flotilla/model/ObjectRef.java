package dev.flotilla.model;

/**
 * Identifies one Kubernetes object: {@code group/version}, kind, namespace ({@code ""} for
 * cluster-scoped objects) and name. The key of inventories, change sets and prune decisions.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {
  public ObjectRef {
    if (apiVersion == null || apiVersion.isBlank()) {
      throw new IllegalArgumentException("object reference needs an apiVersion");
    }
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("object reference needs a kind");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "object reference needs a name (" + apiVersion + " " + kind + ")");
    }
    namespace = namespace == null ? "" : namespace;
  }

  /** The API group: {@code ""} for the core group, {@code apps} for {@code apps/v1}. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String version() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  public boolean clusterScoped() {
    return namespace.isEmpty();
  }

  /** Group and kind, ignoring the version: two versions of one object are the same object. */
  public String groupKind() {
    return group().isEmpty() ? kind : kind + "." + group();
  }

  /** Same object, whatever API version it is addressed with. */
  public boolean sameObject(ObjectRef o) {
    return groupKind().equals(o.groupKind())
        && namespace.equals(o.namespace)
        && name.equals(o.name);
  }

  @Override
  public int compareTo(ObjectRef o) {
    int c = groupKind().compareTo(o.groupKind());
    if (c == 0) {
      c = namespace.compareTo(o.namespace);
    }
    if (c == 0) {
      c = name.compareTo(o.name);
    }
    return c != 0 ? c : apiVersion.compareTo(o.apiVersion);
  }

  /** {@code kind/namespace/name}, as in kubectl output and logs. */
  @Override
  public String toString() {
    return namespace.isEmpty()
        ? groupKind() + "/" + name
        : groupKind() + "/" + namespace + "/" + name;
  }
}
