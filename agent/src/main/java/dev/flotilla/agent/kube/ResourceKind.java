package dev.flotilla.agent.kube;

/**
 * A kind as discovery reports it.
 *
 * @param apiVersion {@code group/version}, or {@code v1} for the core group
 * @param kind e.g. {@code Deployment}
 * @param plural the resource name in URLs, e.g. {@code deployments}
 * @param namespaced whether objects of this kind live in a namespace
 */
public record ResourceKind(String apiVersion, String kind, String plural, boolean namespaced) {
  public ResourceKind {
    if (apiVersion == null || apiVersion.isBlank() || kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("a resource kind needs an apiVersion and a kind");
    }
    if (plural == null || plural.isBlank()) {
      throw new IllegalArgumentException("resource kind " + kind + " needs a plural name");
    }
  }

  /** The API group: {@code ""} for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String version() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }
}
