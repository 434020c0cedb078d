package dev.flotilla.agent.kube;

import dev.flotilla.model.KubeObject;
import java.util.Map;

/**
 * Puts an object's namespace in line with its kind's scope before it is sent (pure). Both cluster
 * implementations use it, so they treat a stray namespace the same way.
 */
public final class ObjectScope {
  private ObjectScope() {}

  /**
   * A mutable copy of {@code object}'s body fit to apply: without {@code metadata.namespace} for a
   * cluster-scoped kind, without {@code metadata.managedFields} (the server owns those).
   *
   * @throws KubeException.Invalid when a namespaced object has no namespace
   */
  public static Map<String, Object> bodyFor(ResourceKind kind, KubeObject object) {
    if (kind.namespaced() && object.namespace().isEmpty()) {
      throw new KubeException.Invalid(
          object.ref(), kind.kind() + " is namespaced but the object has no namespace", null);
    }
    Map<String, Object> body = object.mutableBody();
    if (body.get("metadata") instanceof Map<?, ?> meta) {
      meta.remove("managedFields");
      if (!kind.namespaced()) {
        meta.remove("namespace");
      }
    }
    return body;
  }
}
