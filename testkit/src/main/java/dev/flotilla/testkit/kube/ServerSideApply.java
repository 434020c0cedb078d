package dev.flotilla.testkit.kube;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Server-side apply on trees, after the structured-merge-diff rules of the API server (pure): merge
 * the applied configuration onto the live object; a field another manager owns whose value would
 * change is a conflict unless forced (then that manager loses it); fields this manager applied
 * before and no longer applies are removed unless someone else owns them; this manager's field set
 * becomes exactly what it applied.
 */
final class ServerSideApply {
  private ServerSideApply() {}

  record Outcome(Map<String, Object> body, ManagedFields managed) {}

  /** A field another manager owns, with a value this apply would change. */
  record Conflict(ManagedFields.Entry owner, FieldPath path) {}

  /** The apply would change fields other managers own. */
  static final class ConflictsException extends Exception {
    private final transient List<Conflict> conflicts;

    ConflictsException(List<Conflict> conflicts) {
      super(message(conflicts));
      this.conflicts = List.copyOf(conflicts);
    }

    List<Conflict> conflicts() {
      return conflicts;
    }
  }

  /**
   * @param live the stored object (a mutable copy, without managed fields), or null to create
   * @param config the applied object, normalised
   */
  static Outcome apply(
      Map<String, Object> live,
      ManagedFields managed,
      Map<String, Object> config,
      String manager,
      boolean force,
      boolean builtinKind,
      String time)
      throws ConflictsException {
    FieldTree tree = new FieldTree(builtinKind);
    Set<FieldPath> applied = tree.paths(config);
    Map<String, Object> base = live != null ? live : skeleton(config);
    Map<String, Object> merged = TreeValues.copyMap(base);
    tree.merge(merged, config);

    List<Conflict> conflicts = new ArrayList<>();
    Set<FieldPath> taken = new HashSet<>();
    for (ManagedFields.Entry other : managed.entries()) {
      if (other.is(manager, ManagedFields.APPLY)) {
        continue;
      }
      for (FieldPath q : other.fields()) {
        // owning a list element ('.') is owning its existence; merging never removes elements
        if (!q.isSelf()
            && !Objects.equals(FieldTree.valueAt(base, q), FieldTree.valueAt(merged, q))) {
          conflicts.add(new Conflict(other, q));
          taken.add(q);
        }
      }
    }
    if (!conflicts.isEmpty() && !force) {
      throw new ConflictsException(conflicts);
    }
    ManagedFields others = managed.withoutFields(taken, null);

    Set<FieldPath> dropped = new HashSet<>(managed.fieldsOf(manager, ManagedFields.APPLY));
    dropped.removeAll(applied);
    for (FieldPath p : dropped) {
      if (!ownedElsewhere(p, others, manager) && !coveredBy(p, applied)) {
        FieldTree.remove(merged, p);
      }
    }
    String apiVersion = String.valueOf(config.get("apiVersion"));
    ManagedFields next =
        others.with(
            new ManagedFields.Entry(manager, ManagedFields.APPLY, apiVersion, time, applied));
    return new Outcome(merged, next);
  }

  /** Another entry owns something inside {@code p}, or an atomic field around it. */
  private static boolean ownedElsewhere(FieldPath p, ManagedFields managed, String manager) {
    for (ManagedFields.Entry e : managed.entries()) {
      if (e.is(manager, ManagedFields.APPLY)) {
        continue;
      }
      for (FieldPath q : e.fields()) {
        if (q.startsWith(p.scope()) || (!q.isSelf() && p.scope().startsWith(q))) {
          return true;
        }
      }
    }
    return false;
  }

  /** This apply sets a field that contains {@code p} as a whole (an atomic list now). */
  private static boolean coveredBy(FieldPath p, Set<FieldPath> applied) {
    for (FieldPath a : applied) {
      if (!a.isSelf() && !a.equals(p.scope()) && p.scope().startsWith(a)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> skeleton(Map<String, Object> config) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("apiVersion", config.get("apiVersion"));
    s.put("kind", config.get("kind"));
    s.put("metadata", new LinkedHashMap<String, Object>());
    return s;
  }

  private static String message(List<Conflict> conflicts) {
    StringBuilder s = new StringBuilder("Apply failed with ").append(conflicts.size());
    s.append(conflicts.size() == 1 ? " conflict: " : " conflicts: ");
    String sep = "";
    for (Conflict c : conflicts) {
      s.append(sep).append("conflict with \"").append(c.owner().manager()).append('"');
      if (c.owner().operation().equals(ManagedFields.UPDATE)) {
        s.append(" using ").append(c.owner().apiVersion());
      }
      s.append(": ").append(c.path());
      sep = "; ";
    }
    return s.toString();
  }
}
