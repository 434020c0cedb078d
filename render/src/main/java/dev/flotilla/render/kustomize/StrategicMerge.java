package dev.flotilla.render.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a strategic merge patch as Kustomize (kyaml merge2) does: maps merge, {@code null}
 * deletes, lists with a merge key merge element by element with the patch's elements first, other
 * lists are replaced; {@code $patch: delete|replace} directives are honoured. Pure apart from
 * editing {@code dest} in place.
 */
final class StrategicMerge {
  private static final Object DELETE = new Object();
  private static final String DIRECTIVE = "$patch";

  private final ResId id;

  private StrategicMerge(ResId id) {
    this.id = id;
  }

  /** Merges {@code patch} into {@code dest}; false if the patch deletes the whole object. */
  static boolean apply(Map<String, Object> dest, Map<String, Object> patch) {
    Object result = new StrategicMerge(ResId.of(dest)).mergeMap(dest, patch, new ArrayList<>());
    if (result == DELETE) {
      return false;
    }
    if (result != dest) {
      dest.clear();
      dest.putAll(Trees.map(result));
    }
    return true;
  }

  private Object mergeMap(Map<String, Object> dest, Map<String, Object> patch, List<String> path) {
    Object directive = patch.get(DIRECTIVE);
    if ("delete".equals(directive)) {
      return DELETE;
    }
    if ("replace".equals(directive)) {
      return clean(patch);
    }
    if (dest == null) {
      return clean(patch);
    }
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("$")) {
        continue;
      }
      Object pv = e.getValue();
      if (pv == null) {
        dest.remove(key);
        continue;
      }
      path.add(key);
      Object merged = merge(dest.get(key), pv, path);
      path.remove(path.size() - 1);
      if (merged == DELETE) {
        dest.remove(key);
      } else {
        dest.put(key, merged);
      }
    }
    return dest;
  }

  private Object merge(Object dv, Object pv, List<String> path) {
    Map<String, Object> pm = Trees.map(pv);
    if (pm != null) {
      return mergeMap(Trees.map(dv), pm, path);
    }
    List<Object> pl = Trees.list(pv);
    if (pl != null) {
      List<Object> dl = Trees.list(dv);
      List<String> keys = MergeKeys.of(id, path);
      if (hasReplaceDirective(pl) || dl == null || keys == null) {
        return cleanList(pl);
      }
      return keys == MergeKeys.PRIMITIVE ? mergePrimitives(dl, pl) : mergeList(dl, pl, keys, path);
    }
    return pv;
  }

  private static boolean hasReplaceDirective(List<Object> l) {
    for (Object o : l) {
      Map<String, Object> m = Trees.map(o);
      if (m != null && "replace".equals(m.get(DIRECTIVE)) && m.size() == 1) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> mergePrimitives(List<Object> dest, List<Object> patch) {
    List<Object> out = new ArrayList<>();
    for (Object o : patch) {
      if (!out.contains(o)) {
        out.add(o);
      }
    }
    for (Object o : dest) {
      if (!out.contains(o)) {
        out.add(o);
      }
    }
    return out;
  }

  private List<Object> mergeList(
      List<Object> dest, List<Object> patch, List<String> keys, List<String> path) {
    List<List<String>> tuples = new ArrayList<>();
    for (List<Object> source : List.of(patch, dest)) {
      for (Object o : source) {
        List<String> t = tuple(o, keys);
        if (t != null && !tuples.contains(t)) {
          tuples.add(t);
        }
      }
    }
    List<Object> out = new ArrayList<>();
    for (List<String> t : tuples) {
      Map<String, Object> d = find(dest, keys, t);
      Map<String, Object> p = find(patch, keys, t);
      Object merged;
      if (p == null) {
        merged = d;
      } else if ("delete".equals(p.get(DIRECTIVE))) {
        continue;
      } else {
        merged = mergeMap(d, p, path);
      }
      Map<String, Object> m = Trees.map(merged);
      if (merged == DELETE || m == null || m.isEmpty()) {
        continue;
      }
      out.add(m);
    }
    for (Object o : dest) {
      if (tuple(o, keys) == null) {
        out.add(o);
      }
    }
    return out;
  }

  /** The element's key values ("" where absent); null if it has none of the keys. */
  private static List<String> tuple(Object element, List<String> keys) {
    Map<String, Object> m = Trees.map(element);
    if (m == null) {
      return null;
    }
    List<String> t = new ArrayList<>();
    boolean any = false;
    for (String k : keys) {
      Object v = m.get(k);
      t.add(v == null ? "" : v.toString());
      any |= v != null;
    }
    return any ? t : null;
  }

  private static Map<String, Object> find(List<Object> list, List<String> keys, List<String> t) {
    for (Object o : list) {
      Map<String, Object> m = Trees.map(o);
      if (m == null) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < keys.size(); i++) {
        if (t.get(i).isEmpty()) {
          continue;
        }
        Object v = m.get(keys.get(i));
        if (v == null || !v.toString().equals(t.get(i))) {
          match = false;
          break;
        }
      }
      if (match) {
        return m;
      }
    }
    return null;
  }

  /** A patch value standing alone: directives and nulls removed. */
  private static Object clean(Object v) {
    Map<String, Object> m = Trees.map(v);
    if (m != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : m.entrySet()) {
        if (e.getKey().startsWith("$") || e.getValue() == null) {
          continue;
        }
        out.put(e.getKey(), clean(e.getValue()));
      }
      return out;
    }
    List<Object> l = Trees.list(v);
    if (l != null) {
      return cleanList(l);
    }
    return v;
  }

  private static List<Object> cleanList(List<Object> l) {
    List<Object> out = new ArrayList<>();
    for (Object o : l) {
      Map<String, Object> m = Trees.map(o);
      if (m != null && m.containsKey(DIRECTIVE)) {
        continue;
      }
      out.add(clean(o));
    }
    return out;
  }
}
