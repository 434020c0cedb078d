package dev.flotilla.testkit.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which lists merge element by element, and by which keys; everything else is atomic. A real API
 * server reads this from each kind's OpenAPI schema ({@code x-kubernetes-list-map-keys}); here it
 * is a table of the field names the built-in kinds key, by field name alone. Custom resources get
 * atomic lists, as a CRD without list annotations does. Pure.
 */
final class ListKeys {
  private static final String PROTOCOL = "protocol";
  private static final Map<String, List<String>> BUILTIN =
      Map.ofEntries(
          Map.entry("containers", List.of("name")),
          Map.entry("initContainers", List.of("name")),
          Map.entry("ephemeralContainers", List.of("name")),
          Map.entry("volumes", List.of("name")),
          Map.entry("env", List.of("name")),
          Map.entry("imagePullSecrets", List.of("name")),
          Map.entry("volumeMounts", List.of("mountPath")),
          Map.entry("volumeDevices", List.of("devicePath")),
          Map.entry("hostAliases", List.of("ip")),
          Map.entry("topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable")));

  private ListKeys() {}

  /** The key fields of {@code list} under {@code field}, or empty when the list is atomic. */
  static Optional<List<String>> of(String field, List<?> list, boolean builtinKind) {
    List<String> keys = keysFor(field, list, builtinKind);
    if (keys == null || list.isEmpty()) {
      return Optional.empty();
    }
    for (Object e : list) {
      if (!(e instanceof Map<?, ?> m) || !hasKeys(m, keys)) {
        return Optional.empty();
      }
    }
    return Optional.of(keys);
  }

  /** The key of one element; a missing {@code protocol} is TCP, as the server defaults it. */
  static Map<String, Object> keyOf(Map<?, ?> element, List<String> keys) {
    Map<String, Object> k = new LinkedHashMap<>();
    for (String name : keys) {
      Object v = element.get(name);
      k.put(name, v == null && name.equals(PROTOCOL) ? "TCP" : v);
    }
    return k;
  }

  /** Maps that are replaced whole rather than merged, like a workload's label selector. */
  static boolean isAtomicMap(String field, Map<?, ?> value) {
    return field.equals("selector")
        && (value.containsKey("matchLabels") || value.containsKey("matchExpressions"));
  }

  private static List<String> keysFor(String field, List<?> list, boolean builtinKind) {
    if (field.equals("ownerReferences")) {
      return List.of("uid");
    }
    if (!builtinKind) {
      return null;
    }
    if (field.equals("ports") && list.stream().allMatch(e -> e instanceof Map<?, ?>)) {
      boolean containerPorts =
          list.stream().anyMatch(e -> ((Map<?, ?>) e).containsKey("containerPort"));
      return List.of(containerPorts ? "containerPort" : "port", PROTOCOL);
    }
    return BUILTIN.get(field);
  }

  private static boolean hasKeys(Map<?, ?> element, List<String> keys) {
    return keys.stream().allMatch(k -> element.get(k) != null || k.equals(PROTOCOL));
  }
}
