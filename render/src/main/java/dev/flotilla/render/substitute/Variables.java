package dev.flotilla.render.substitute;

import dev.flotilla.render.ClusterVars;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The variables a cluster offers to substitution: {@code cluster.name}, {@code cluster.id} and
 * {@code label:KEY} for each of its labels (pure).
 */
public final class Variables {
  private Variables() {}

  /** Whether {@code name} is one of Flotilla's variable names (others are left as written). */
  public static boolean isFlotillaVariable(String name) {
    return name.equals("cluster.name") || name.equals("cluster.id") || name.startsWith("label:");
  }

  /** The value of {@code name} for this cluster, if it has one. */
  public static Optional<String> value(ClusterVars cluster, String name) {
    return switch (name) {
      case "cluster.name" -> Optional.ofNullable(cluster.clusterName());
      case "cluster.id" ->
          Optional.ofNullable(cluster.clusterId()).map(dev.flotilla.model.ClusterId::value);
      default ->
          name.startsWith("label:")
              ? cluster.labels().get(name.substring("label:".length()))
              : Optional.empty();
    };
  }

  /** The values of {@code names} for this cluster; absent ones are left out. */
  public static Map<String, String> values(ClusterVars cluster, Iterable<String> names) {
    TreeMap<String, String> out = new TreeMap<>();
    for (String n : names) {
      value(cluster, n).ifPresent(v -> out.put(n, v));
    }
    return out;
  }
}
