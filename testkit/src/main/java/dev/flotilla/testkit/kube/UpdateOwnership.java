package dev.flotilla.testkit.kube;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Field ownership after an update (PUT or PATCH, as {@code kubectl edit}, {@code kubectl scale} or
 * a controller do), after the API server's rules (pure): the updater takes every field whose value
 * it changed, without conflicts; other managers lose those fields and the ones it removed.
 */
final class UpdateOwnership {
  private UpdateOwnership() {}

  static ManagedFields after(
      Map<String, Object> before,
      Map<String, Object> after,
      ManagedFields managed,
      String manager,
      boolean builtinKind,
      String time) {
    FieldTree tree = new FieldTree(builtinKind);
    Set<FieldPath> oldPaths = tree.paths(before);
    Set<FieldPath> newPaths = tree.paths(after);
    Set<FieldPath> changed = new HashSet<>();
    for (FieldPath p : newPaths) {
      if (!Objects.equals(FieldTree.valueAt(before, p), FieldTree.valueAt(after, p))) {
        changed.add(p);
      }
    }
    Set<FieldPath> removed = new HashSet<>(oldPaths);
    removed.removeAll(newPaths);

    Set<FieldPath> lost = new HashSet<>();
    for (ManagedFields.Entry e : managed.entries()) {
      for (FieldPath q : e.fields()) {
        if (touched(q, changed) || touched(q, removed)) {
          lost.add(q);
        }
      }
    }
    Set<FieldPath> mine = new HashSet<>(managed.fieldsOf(manager, ManagedFields.UPDATE));
    mine.retainAll(newPaths);
    mine.addAll(changed);
    String apiVersion = String.valueOf(after.get("apiVersion"));
    return managed
        .withoutFields(lost, null)
        .with(new ManagedFields.Entry(manager, ManagedFields.UPDATE, apiVersion, time, mine));
  }

  private static boolean touched(FieldPath owned, Set<FieldPath> paths) {
    for (FieldPath p : paths) {
      if (owned.startsWith(p.scope())) {
        return true;
      }
    }
    return false;
  }
}
