package dev.flotilla.agent.apply;

import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import java.util.Optional;

/**
 * Enforces {@link BundleOptions#allowedNamespaces()} (pure). A restricted bundle may write
 * namespaced objects in its namespaces and those Namespace objects themselves; any other
 * cluster-scoped object (a ClusterRoleBinding, a CRD) would reach beyond them, so it is refused.
 */
final class NamespaceRestriction {
  private NamespaceRestriction() {}

  /** Why {@code object} may not be written by this bundle, or empty if it may. */
  static Optional<String> violation(ResourceKind kind, KubeObject object, BundleOptions options) {
    if (options.allowedNamespaces().isEmpty()) {
      return Optional.empty();
    }
    String allowed = String.join(", ", options.allowedNamespaces());
    if (kind.namespaced()) {
      return options.allowedNamespaces().contains(object.namespace())
          ? Optional.empty()
          : Optional.of(
              "namespace "
                  + object.namespace()
                  + " is not among the bundle's allowed namespaces ["
                  + allowed
                  + "]");
    }
    boolean namespaceObject = kind.kind().equals("Namespace") && kind.group().isEmpty();
    if (namespaceObject && options.allowedNamespaces().contains(object.name())) {
      return Optional.empty();
    }
    return Optional.of(
        "cluster-scoped "
            + kind.kind()
            + " is not allowed for a bundle restricted to namespaces ["
            + allowed
            + "]");
  }
}
