package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.KubeObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What an apiextensions.k8s.io/v1 CustomResourceDefinition declares, and its status (pure). */
final class CustomResourceDefinitions {
  static final String GROUP = "apiextensions.k8s.io";

  private CustomResourceDefinitions() {}

  static boolean isCrd(ResourceKind kind) {
    return kind.group().equals(GROUP) && kind.kind().equals("CustomResourceDefinition");
  }

  /** Why the API server would reject {@code crd}, if it would. */
  static Optional<String> problem(KubeObject crd) {
    String group = crd.at("spec.group").map(String::valueOf).orElse("");
    String plural = crd.at("spec.names.plural").map(String::valueOf).orElse("");
    String kind = crd.at("spec.names.kind").map(String::valueOf).orElse("");
    String scope = crd.at("spec.scope").map(String::valueOf).orElse("");
    if (group.isEmpty() || plural.isEmpty() || kind.isEmpty()) {
      return Optional.of("spec.group, spec.names.plural and spec.names.kind are required");
    }
    if (!crd.name().equals(plural + "." + group)) {
      return Optional.of("metadata.name: must be spec.names.plural+\".\"+spec.group");
    }
    if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
      return Optional.of("spec.scope: Unsupported value: \"" + scope + "\"");
    }
    long storage =
        versions(crd).stream().filter(v -> Boolean.TRUE.equals(v.get("storage"))).count();
    if (storage != 1) {
      return Optional.of("spec.versions: must have exactly one version marked as storage version");
    }
    return Optional.empty();
  }

  static List<ResourceKind> servedKinds(KubeObject crd) {
    String group = String.valueOf(crd.at("spec.group").orElseThrow());
    String plural = String.valueOf(crd.at("spec.names.plural").orElseThrow());
    String kind = String.valueOf(crd.at("spec.names.kind").orElseThrow());
    boolean namespaced = crd.at("spec.scope").map("Namespaced"::equals).orElse(false);
    List<ResourceKind> out = new ArrayList<>();
    for (Map<?, ?> v : versions(crd)) {
      if (Boolean.TRUE.equals(v.get("served"))) {
        out.add(new ResourceKind(group + "/" + v.get("name"), kind, plural, namespaced));
      }
    }
    return out;
  }

  static Set<String> versionsWithStatus(KubeObject crd) {
    Set<String> out = new LinkedHashSet<>();
    for (Map<?, ?> v : versions(crd)) {
      if (v.get("subresources") instanceof Map<?, ?> sub && sub.containsKey("status")) {
        out.add(String.valueOf(v.get("name")));
      }
    }
    return out;
  }

  /** The status the API server reports once the names are accepted and, if so, established. */
  static Map<String, Object> status(KubeObject crd, boolean established, String time) {
    Map<String, Object> names = new LinkedHashMap<>();
    crd.at("spec.names").ifPresent(n -> names.putAll(TreeValues.copyMap((Map<?, ?>) n)));
    List<Object> conditions = new ArrayList<>();
    conditions.add(condition("NamesAccepted", "True", "NoConflicts", time));
    conditions.add(
        condition(
            "Established",
            established ? "True" : "False",
            established ? "InitialNamesAccepted" : "Installing",
            time));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("conditions", conditions);
    s.put("acceptedNames", names);
    s.put(
        "storedVersions",
        versions(crd).stream()
            .filter(v -> Boolean.TRUE.equals(v.get("storage")))
            .map(v -> String.valueOf(v.get("name")))
            .toList());
    return s;
  }

  private static Map<String, Object> condition(
      String type, String status, String reason, String time) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    c.put("reason", reason);
    c.put("lastTransitionTime", time);
    return c;
  }

  private static List<Map<?, ?>> versions(KubeObject crd) {
    List<Map<?, ?>> out = new ArrayList<>();
    crd.at("spec.versions").ifPresent(l -> ((List<?>) l).forEach(v -> out.add((Map<?, ?>) v)));
    return out;
  }
}
