package dev.flotilla.hub.distribute;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Orders a cluster's bundles so every bundle comes after those it depends on (pure). Bundles in a
 * cycle, or depending on a bundle the cluster does not get, are reported instead of ordered.
 */
public final class DependencyOrder {
  private DependencyOrder() {}

  /** The result: bundles in order, and the ones that could not be placed with why. */
  public record Result(List<String> ordered, Map<String, String> problems) {}

  /**
   * @param dependsOn each bundle the cluster gets, with the bundles it depends on
   */
  public static Result of(Map<String, List<String>> dependsOn) {
    Map<String, String> problems = new TreeMap<>();
    for (var e : new TreeMap<>(dependsOn).entrySet()) {
      for (String dep : e.getValue()) {
        if (!dependsOn.containsKey(dep)) {
          problems.put(
              e.getKey(), "depends on bundle '" + dep + "', which this cluster does not get");
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    for (String name : new TreeMap<>(dependsOn).keySet()) {
      visit(name, dependsOn, problems, ordered, done, visiting, new ArrayList<>());
    }
    Map<String, String> sorted = new LinkedHashMap<>(problems);
    return new Result(ordered.stream().filter(n -> !problems.containsKey(n)).toList(), sorted);
  }

  private static boolean visit(
      String name,
      Map<String, List<String>> deps,
      Map<String, String> problems,
      List<String> ordered,
      Set<String> done,
      Set<String> visiting,
      List<String> path) {
    if (done.contains(name)) {
      return !problems.containsKey(name);
    }
    if (visiting.contains(name)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      for (String n : cycle) {
        problems.putIfAbsent(n, "is in a dependency cycle: " + String.join(" -> ", cycle));
      }
      return false;
    }
    visiting.add(name);
    path.add(name);
    boolean ok = !problems.containsKey(name);
    for (String dep : deps.getOrDefault(name, List.of())) {
      if (deps.containsKey(dep) && !visit(dep, deps, problems, ordered, done, visiting, path)) {
        problems.putIfAbsent(name, "depends on bundle '" + dep + "', which cannot be deployed");
        ok = false;
      }
    }
    path.remove(path.size() - 1);
    visiting.remove(name);
    done.add(name);
    if (ok) {
      ordered.add(name);
    }
    return ok;
  }
}
