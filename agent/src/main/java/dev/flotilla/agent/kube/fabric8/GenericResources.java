package dev.flotilla.agent.kube.fabric8;

import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.KubeObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Converts between Flotilla's unstructured objects and fabric8's generic resources (pure). */
final class GenericResources {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private GenericResources() {}

  static GenericKubernetesResource toResource(Map<String, Object> body) {
    return JSON.convertValue(body, GenericKubernetesResource.class);
  }

  /**
   * Whole numbers come back as Integer when they fit, as JSON decoding gives them, also where
   * fabric8's typed metadata holds a Long ({@code metadata.generation}).
   */
  static KubeObject toObject(GenericKubernetesResource resource) {
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) narrow(JSON.convertValue(resource, Map.class));
    return KubeObject.of(tree);
  }

  private static Object narrow(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), narrow(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(GenericResources::narrow).collect(Collectors.toList());
    }
    if (value instanceof Long n && n == n.intValue()) {
      return n.intValue();
    }
    return value;
  }

  /** Addresses a kind exactly as discovery served it, so fabric8 never guesses a plural. */
  static ResourceDefinitionContext context(ResourceKind kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(kind.group())
        .withVersion(kind.version())
        .withKind(kind.kind())
        .withPlural(kind.plural())
        .withNamespaced(kind.namespaced())
        .build();
  }
}
