package dev.flotilla.testkit.kube;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads, merges and removes fields of mutable object trees by {@link FieldPath}, knowing which
 * lists are keyed ({@link ListKeys}). Pure apart from editing the tree it is given.
 */
final class FieldTree {
  /** The value at a path that is not there (distinct from an explicit null). */
  static final Object ABSENT = new Object();

  private static final Set<String> UNOWNED_METADATA =
      Set.of(
          "name",
          "namespace",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "selfLink",
          "managedFields");

  private final boolean builtinKind;

  FieldTree(boolean builtinKind) {
    this.builtinKind = builtinKind;
  }

  /** Every field {@code object} sets, as managed fields would record them for its writer. */
  Set<FieldPath> paths(Map<String, Object> object) {
    Set<FieldPath> out = new LinkedHashSet<>();
    for (Map.Entry<String, Object> e : object.entrySet()) {
      String k = e.getKey();
      if (k.equals("apiVersion") || k.equals("kind")) {
        continue;
      }
      if (k.equals("metadata") && e.getValue() instanceof Map<?, ?> meta) {
        FieldPath m = FieldPath.root().field("metadata");
        meta.forEach(
            (mk, mv) -> {
              if (!UNOWNED_METADATA.contains(String.valueOf(mk))) {
                collect(String.valueOf(mk), mv, m, out);
              }
            });
      } else {
        collect(k, e.getValue(), FieldPath.root(), out);
      }
    }
    return out;
  }

  private void collect(String field, Object value, FieldPath parent, Set<FieldPath> out) {
    FieldPath p = parent.field(field);
    if (value instanceof Map<?, ?> m && !m.isEmpty() && !ListKeys.isAtomicMap(field, m)) {
      m.forEach((k, v) -> collect(String.valueOf(k), v, p, out));
      return;
    }
    if (value instanceof List<?> l) {
      Optional<List<String>> keys = ListKeys.of(field, l, builtinKind);
      if (keys.isPresent()) {
        for (Object element : l) {
          Map<?, ?> em = (Map<?, ?>) element;
          FieldPath ep = p.key(ListKeys.keyOf(em, keys.get()));
          if (!out.add(ep.self())) {
            throw new IllegalArgumentException(
                p + ": duplicate entries for key " + ListKeys.keyOf(em, keys.get()));
          }
          em.forEach((k, v) -> collect(String.valueOf(k), v, ep, out));
        }
        return;
      }
    }
    out.add(p);
  }

  /** The value at {@code path}, or {@link #ABSENT}. */
  static Object valueAt(Map<String, Object> object, FieldPath path) {
    Object cur = object;
    for (String e : path.elements()) {
      if (e.equals(FieldPath.SELF)) {
        continue;
      }
      if (e.startsWith("f:")) {
        if (!(cur instanceof Map<?, ?> m) || !m.containsKey(e.substring(2))) {
          return ABSENT;
        }
        cur = m.get(e.substring(2));
      } else {
        int i = cur instanceof List<?> l ? indexOf(l, e) : -1;
        if (i < 0) {
          return ABSENT;
        }
        cur = ((List<?>) cur).get(i);
      }
    }
    return cur;
  }

  /** Applies {@code config} onto {@code target}: maps and keyed lists merge, the rest replaces. */
  void merge(Map<String, Object> target, Map<?, ?> config) {
    for (Map.Entry<?, ?> e : config.entrySet()) {
      String k = String.valueOf(e.getKey());
      Object cv = e.getValue();
      Object tv = target.get(k);
      if (cv instanceof Map<?, ?> cm && tv instanceof Map<?, ?> && !ListKeys.isAtomicMap(k, cm)) {
        merge(asMap(tv), cm);
      } else if (cv instanceof List<?> cl && tv instanceof List<?> tl && keyed(k, cl, tl)) {
        mergeList(asList(tv), cl, ListKeys.of(k, cl, builtinKind).orElseThrow());
      } else {
        target.put(k, TreeValues.copy(cv));
      }
    }
  }

  private boolean keyed(String field, List<?> config, List<?> target) {
    Optional<List<String>> c = ListKeys.of(field, config, builtinKind);
    return c.isPresent() && (target.isEmpty() || c.equals(ListKeys.of(field, target, builtinKind)));
  }

  private void mergeList(List<Object> target, List<?> config, List<String> keys) {
    for (Object ce : config) {
      Map<String, Object> key = ListKeys.keyOf((Map<?, ?>) ce, keys);
      int i = indexOf(target, key);
      if (i < 0) {
        target.add(TreeValues.copy(ce));
      } else {
        merge(asMap(target.get(i)), (Map<?, ?>) ce);
      }
    }
  }

  /**
   * Removes the field or list element at {@code path}, then the maps and lists it leaves empty (but
   * never {@code metadata} itself).
   */
  static void remove(Map<String, Object> object, FieldPath path) {
    List<Object> chain = new ArrayList<>();
    Object cur = object;
    List<String> elements = path.scope().elements();
    for (int i = 0; i < elements.size() - 1; i++) {
      chain.add(cur);
      cur = step(cur, elements.get(i));
      if (cur == ABSENT) {
        return;
      }
    }
    chain.add(cur);
    String last = elements.get(elements.size() - 1);
    if (last.startsWith("f:") && cur instanceof Map<?, ?> m) {
      asMap(m).remove(last.substring(2));
    } else if (last.startsWith("k:") && cur instanceof List<?> l) {
      int i = indexOf(l, last);
      if (i >= 0) {
        asList(l).remove(i);
      }
    }
    for (int i = chain.size() - 1; i >= 1; i--) {
      if (i == 1 && elements.get(0).equals("f:metadata")) {
        return;
      }
      Object c = chain.get(i);
      boolean empty = c instanceof Map<?, ?> m ? m.isEmpty() : ((List<?>) c).isEmpty();
      if (!empty) {
        return;
      }
      Object parent = chain.get(i - 1);
      String e = elements.get(i - 1);
      if (parent instanceof Map<?, ?> pm) {
        asMap(pm).remove(e.substring(2));
      } else {
        asList(parent).remove(indexOf((List<?>) parent, e));
      }
    }
  }

  private static Object step(Object cur, String e) {
    if (e.startsWith("f:")) {
      return cur instanceof Map<?, ?> m && m.containsKey(e.substring(2))
          ? m.get(e.substring(2))
          : ABSENT;
    }
    int i = cur instanceof List<?> l ? indexOf(l, e) : -1;
    return i < 0 ? ABSENT : ((List<?>) cur).get(i);
  }

  private static int indexOf(List<?> list, String keyElement) {
    return indexOf(list, KeyJson.decode(keyElement.substring(2)));
  }

  private static int indexOf(List<?> list, Map<String, Object> key) {
    List<String> names = List.copyOf(key.keySet());
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> m
          && Objects.equals(TreeValues.copy(ListKeys.keyOf(m, names)), TreeValues.copy(key))) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object o) {
    return (List<Object>) o;
  }
}
