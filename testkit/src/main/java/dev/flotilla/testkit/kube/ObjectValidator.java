package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.Names;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validation an API server does that tests run into: names, labels, string-valued ConfigMap and
 * Secret data, CustomResourceDefinition basics (pure). Schemas of other kinds are not checked.
 */
final class ObjectValidator {
  private static final Set<String> PATH_SEGMENT_NAMED =
      Set.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");

  private ObjectValidator() {}

  static Optional<String> problem(ResourceKind kind, KubeObject object) {
    String name = object.name();
    String prefix = kind.kind() + " \"" + name + "\" is invalid: ";
    boolean nameOk =
        kind.kind().equals("Namespace")
            ? Names.isDnsLabel(name)
            : PATH_SEGMENT_NAMED.contains(kind.kind())
                ? !name.contains("/")
                    && !name.contains("%")
                    && !name.equals(".")
                    && !name.equals("..")
                : Names.isDnsSubdomain(name);
    if (!nameOk) {
      return Optional.of(prefix + "metadata.name: Invalid value: \"" + name + "\"");
    }
    Map<?, ?> labels = object.metadata().get("labels") instanceof Map<?, ?> m ? m : Map.of();
    for (Map.Entry<?, ?> l : labels.entrySet()) {
      Object value = l.getValue();
      if (!Names.isLabelKey(String.valueOf(l.getKey()))
          || !(value instanceof String v)
          || !Names.isLabelValue(v)) {
        return Optional.of(
            prefix + "metadata.labels: Invalid value: \"" + l.getKey() + "=" + value + "\"");
      }
    }
    if (kind.group().isEmpty() && Set.of("ConfigMap", "Secret").contains(kind.kind())) {
      for (String field : new String[] {"data", "binaryData", "stringData"}) {
        Optional<Object> data = object.at(field);
        if (data.isPresent() && data.get() instanceof Map<?, ?> m) {
          for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String)) {
              return Optional.of("." + field + "." + e.getKey() + ": expected string");
            }
          }
        }
      }
    }
    if (CustomResourceDefinitions.isCrd(kind)) {
      return CustomResourceDefinitions.problem(object).map(p -> prefix + p);
    }
    return Optional.empty();
  }
}
