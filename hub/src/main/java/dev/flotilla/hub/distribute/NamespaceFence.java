package dev.flotilla.hub.distribute;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.KubeObject;
import dev.flotilla.render.BundleRenderer;
import dev.flotilla.render.ManifestSet;
import dev.flotilla.render.RenderException;
import dev.flotilla.render.RenderRequest;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, at the hub, a bundle whose rendered objects reach outside its {@code
 * options.allowedNamespaces}: an object in another namespace, or any cluster-scoped object but the
 * allowed Namespaces themselves. The agent enforces the same rule again before applying; failing
 * here means the operator sees a bundle error naming the file, field and object, and nothing is
 * sent. Objects without a namespace count as cluster-scoped (the renderer has already given
 * namespaced objects the bundle's namespace).
 */
public final class NamespaceFence implements BundleRenderer {
  private final BundleRenderer inner;

  public NamespaceFence(BundleRenderer inner) {
    this.inner = inner;
  }

  @Override
  public ManifestSet render(RenderRequest request) throws RenderException {
    ManifestSet set = inner.render(request);
    BundleSpec spec = request.bundle();
    List<String> allowed = spec.options().allowedNamespaces();
    if (allowed.isEmpty()) {
      return set;
    }
    for (KubeObject o : set.objects()) {
      Optional<String> why = violation(o, allowed);
      if (why.isPresent()) {
        throw new RenderException(
            (spec.path().isEmpty() ? "" : spec.path() + "/") + "bundle.yaml",
            "field 'options.allowedNamespaces' "
                + allowed
                + " refuses "
                + o.kind()
                + " "
                + (o.namespace().isEmpty() ? "" : o.namespace() + "/")
                + o.name()
                + ": "
                + why.get());
      }
    }
    return set;
  }

  /** Why {@code o} is outside {@code allowed}, or empty if it is inside (pure). */
  static Optional<String> violation(KubeObject o, List<String> allowed) {
    if (!o.namespace().isEmpty()) {
      return allowed.contains(o.namespace())
          ? Optional.empty()
          : Optional.of("namespace " + o.namespace() + " is not allowed");
    }
    if (o.kind().equals("Namespace") && o.apiVersion().equals("v1")) {
      return allowed.contains(o.name())
          ? Optional.empty()
          : Optional.of("namespace " + o.name() + " is not allowed");
    }
    return Optional.of("a cluster-scoped object reaches beyond the allowed namespaces");
  }
}
