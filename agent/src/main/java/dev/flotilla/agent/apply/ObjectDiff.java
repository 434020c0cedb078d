package dev.flotilla.agent.apply;

import dev.flotilla.model.KubeObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares what a dry-run apply returns with the live object, as Flux does to find objects that
 * need no write, ignoring what the server fills in and changes on its own: managed fields,
 * resourceVersion, generation, uid, creationTimestamp and status. Pure.
 */
public final class ObjectDiff {
  /** Reported paths beyond this many are summed up, to keep messages short. */
  static final int MAX_PATHS = 8;

  private static final Set<String> SERVER_METADATA =
      Set.of(
          "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink");

  private ObjectDiff() {}

  /**
   * The dotted paths where {@code dryRun} and {@code live} differ ({@code spec.replicas}, {@code
   * spec.template.spec.containers[0].image}); empty when the apply would change nothing.
   */
  public static List<String> differences(KubeObject dryRun, KubeObject live) {
    Set<String> out = new LinkedHashSet<>();
    compare("", comparable(dryRun.body()), comparable(live.body()), out);
    return List.copyOf(out);
  }

  /** {@code spec.replicas, metadata.labels.app} or {@code a, b, ... and 3 more}. */
  public static String describe(List<String> paths) {
    if (paths.size() <= MAX_PATHS) {
      return String.join(", ", paths);
    }
    return String.join(", ", paths.subList(0, MAX_PATHS))
        + " and "
        + (paths.size() - MAX_PATHS)
        + " more";
  }

  private static Map<String, Object> comparable(Map<String, Object> body) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
    copy.remove("status");
    if (copy.get("metadata") instanceof Map<?, ?> meta) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      meta.forEach((k, v) -> m.put(String.valueOf(k), v));
      m.keySet().removeAll(SERVER_METADATA);
      copy.put("metadata", m);
    }
    return copy;
  }

  private static void compare(String path, Object a, Object b, Set<String> out) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Set<Object> keys = new LinkedHashSet<>(ma.keySet());
      keys.addAll(mb.keySet());
      for (Object k : keys) {
        compare(path.isEmpty() ? String.valueOf(k) : path + "." + k, ma.get(k), mb.get(k), out);
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      for (int i = 0; i < la.size(); i++) {
        compare(path + "[" + i + "]", la.get(i), lb.get(i), out);
      }
    } else if (!sameValue(a, b)) {
      out.add(path);
    }
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number na && b instanceof Number nb) {
      return na.doubleValue() == nb.doubleValue();
    }
    return Objects.equals(a, b);
  }
}
