package dev.flotilla.render.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replacement's dotted field path, e.g. {@code spec.template.spec.containers.[name=app].image}:
 * map keys, {@code [key=value]} list selectors, list indexes and {@code *} for every element.
 */
final class FieldPath {
  private final List<String> segments;
  private final String text;

  FieldPath(String text) {
    this.text = text;
    this.segments = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int depth = 0;
    for (char c : text.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == '.' && depth == 0) {
        segments.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    segments.add(cur.toString());
  }

  @Override
  public String toString() {
    return text;
  }

  /** The values at this path (copies not made); empty if it does not exist. */
  List<Object> get(Object root) {
    List<Object> out = new ArrayList<>();
    collect(root, 0, out);
    return out;
  }

  private void collect(Object node, int i, List<Object> out) {
    if (i == segments.size()) {
      out.add(node);
      return;
    }
    for (Object next : children(node, segments.get(i), false)) {
      collect(next, i + 1, out);
    }
  }

  /** Sets every value at the path; returns how many were set. */
  int set(Object root, java.util.function.UnaryOperator<Object> setter, boolean create) {
    return set(root, 0, setter, create);
  }

  private int set(
      Object node, int i, java.util.function.UnaryOperator<Object> setter, boolean create) {
    String seg = segments.get(i);
    if (i == segments.size() - 1) {
      Map<String, Object> m = Trees.map(node);
      if (m != null && !seg.startsWith("[")) {
        if (!m.containsKey(seg) && !create) {
          return 0;
        }
        m.put(seg, setter.apply(m.get(seg)));
        return 1;
      }
      List<Object> l = Trees.list(node);
      if (l != null && isIndex(seg)) {
        int idx = Integer.parseInt(seg);
        if (idx < l.size()) {
          l.set(idx, setter.apply(l.get(idx)));
          return 1;
        }
      }
      if (l != null && seg.startsWith("[")) {
        int n = 0;
        for (int k = 0; k < l.size(); k++) {
          if (matches(l.get(k), seg)) {
            l.set(k, setter.apply(l.get(k)));
            n++;
          }
        }
        return n;
      }
      return 0;
    }
    int n = 0;
    for (Object next : children(node, seg, create)) {
      n += set(next, i + 1, setter, create);
    }
    return n;
  }

  private List<Object> children(Object node, String seg, boolean create) {
    List<Object> out = new ArrayList<>();
    Map<String, Object> m = Trees.map(node);
    if (m != null && !seg.startsWith("[")) {
      Object v = m.get(seg);
      if (v == null && create) {
        v = new LinkedHashMap<String, Object>();
        m.put(seg, v);
      }
      if (v != null) {
        out.add(v);
      }
      return out;
    }
    List<Object> l = Trees.list(node);
    if (l == null) {
      return out;
    }
    if (seg.equals("*")) {
      out.addAll(l);
    } else if (isIndex(seg)) {
      int idx = Integer.parseInt(seg);
      if (idx < l.size()) {
        out.add(l.get(idx));
      }
    } else if (seg.startsWith("[")) {
      for (Object o : l) {
        if (matches(o, seg)) {
          out.add(o);
        }
      }
      if (out.isEmpty() && create) {
        String[] kv = seg.substring(1, seg.length() - 1).split("=", 2);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(kv[0], kv.length > 1 ? kv[1] : "");
        l.add(e);
        out.add(e);
      }
    }
    return out;
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static boolean matches(Object element, String seg) {
    Map<String, Object> m = Trees.map(element);
    String[] kv = seg.substring(1, seg.length() - 1).split("=", 2);
    return m != null && kv.length == 2 && kv[1].equals(Trees.string(m.get(kv[0])));
  }
}
