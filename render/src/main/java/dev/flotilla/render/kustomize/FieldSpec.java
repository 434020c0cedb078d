package dev.flotilla.render.kustomize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a transformer writes: a slash-separated field path ({@code spec/template/metadata/labels},
 * {@code []} marks a list; {@code \/} escapes a slash in a key) in objects of a group/version/kind
 * (empty parts match anything), and whether missing fields are created.
 */
record FieldSpec(String group, String version, String kind, String path, boolean create) {

  static FieldSpec any(String path, boolean create) {
    return new FieldSpec("", "", "", path, create);
  }

  static FieldSpec kind(String kind, String path, boolean create) {
    return new FieldSpec("", "", kind, path, create);
  }

  static FieldSpec of(String group, String kind, String path, boolean create) {
    return new FieldSpec(group, "", kind, path, create);
  }

  boolean appliesTo(ResId id) {
    return (group.isEmpty() || group.equals(id.group()))
        && (version.isEmpty() || version.equals(id.version()))
        && (kind.isEmpty() || kind.equals(id.kind()));
  }

  List<String> segments() {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
        cur.append('/');
        i++;
      } else if (c == '/') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** Sets the value at this spec's path in {@code body}, creating maps when allowed. */
  interface Setter {
    /** Returns the new value for the field given the current one (null when absent). */
    Object apply(Object current) throws dev.flotilla.render.RenderException;
  }

  void apply(Map<String, Object> body, Setter setter) throws dev.flotilla.render.RenderException {
    walk(body, segments(), 0, setter);
  }

  private void walk(Object node, List<String> segs, int i, Setter setter)
      throws dev.flotilla.render.RenderException {
    String seg = segs.get(i);
    boolean isList = seg.endsWith("[]");
    String key = isList ? seg.substring(0, seg.length() - 2) : seg;
    if (node instanceof List<?> l) {
      for (Object item : l) {
        walk(item, segs, i, setter);
      }
      return;
    }
    Map<String, Object> m = Trees.map(node);
    if (m == null) {
      return;
    }
    boolean last = i == segs.size() - 1;
    if (last) {
      Object cur = m.get(key);
      if (cur == null && !m.containsKey(key) && !create) {
        return;
      }
      if (cur == null && !create) {
        return;
      }
      m.put(key, setter.apply(cur));
      return;
    }
    Object next = m.get(key);
    if (next == null) {
      if (!create || isList) {
        return;
      }
      next = new java.util.LinkedHashMap<String, Object>();
      m.put(key, next);
    }
    walk(next, segs, i + 1, setter);
  }
}
