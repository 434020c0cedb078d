package dev.flotilla.agent.kube.fabric8;

import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.model.KubeObject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON patch that drops some managers' entries from an object's {@code managedFields} (pure).
 * It first tests the resourceVersion, so a write that raced in between makes the patch fail instead
 * of putting back entries that were just changed. An empty list would leave the field as it is, so
 * dropping every entry writes the one-empty-entry list that clears it, as Flux does.
 */
final class ManagedFieldsPatch {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private ManagedFieldsPatch() {}

  /** The patch, or empty when {@code live} has none of {@code drop}. */
  static Optional<String> without(KubeObject live, Set<ManagedFieldsEntry> drop) {
    List<Object> kept = new ArrayList<>();
    boolean dropped = false;
    if (live.at("metadata.managedFields").orElse(null) instanceof List<?> entries) {
      for (Object e : entries) {
        if (e instanceof Map<?, ?> m && drop.contains(ManagedFieldsEntry.of(m))) {
          dropped = true;
        } else {
          kept.add(e);
        }
      }
    }
    if (!dropped) {
      return Optional.empty();
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "dropping "
              + drop
              + " would leave "
              + live.ref()
              + " without managed fields; the API server would give them all to before-first-apply");
    }
    String version = live.at("metadata.resourceVersion").map(String::valueOf).orElse("");
    return Optional.of(
        JSON.asJson(
            List.of(
                operation("test", "/metadata/resourceVersion", version),
                operation("replace", "/metadata/managedFields", kept))));
  }

  private static Map<String, Object> operation(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    m.put("value", value);
    return m;
  }
}
