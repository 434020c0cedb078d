package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of one mapping of a kustomization file, each error naming the file and field. */
final class KustomizationFields {
  private final String file;
  private final String path;
  private final Map<String, Object> map;

  KustomizationFields(String file, String path, Map<String, Object> map) {
    this.file = file;
    this.path = path;
    this.map = map == null ? Map.of() : map;
  }

  static KustomizationFields of(String file, String path, Object value) throws RenderException {
    Map<String, Object> m = Trees.map(value);
    if (m == null) {
      throw new RenderException(file, "field '" + path + "': must be a mapping");
    }
    return new KustomizationFields(file, path, m);
  }

  String field(String key) {
    if (key.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  RenderException error(String key, String message) {
    return new RenderException(file, "field '" + field(key) + "': " + message);
  }

  String file() {
    return file;
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  Object raw(String key) {
    return map.get(key);
  }

  void allowOnly(Set<String> known, String what) throws RenderException {
    for (String k : map.keySet()) {
      if (!known.contains(k)) {
        throw error(k, "unknown field in " + what + " (known: " + new TreeSet<>(known) + ")");
      }
    }
  }

  String string(String key) throws RenderException {
    Object v = map.get(key);
    if (v == null) {
      return "";
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      throw error(key, "must be a string");
    }
    return v.toString();
  }

  boolean bool(String key) throws RenderException {
    Object v = map.get(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw error(key, "must be true or false");
  }

  List<String> strings(String key) throws RenderException {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    List<Object> l = Trees.list(v);
    if (l == null) {
      throw error(key, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      Object o = l.get(i);
      if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
        throw error(key + "[" + i + "]", "must be a string");
      }
      out.add(o.toString());
    }
    return out;
  }

  /** A string-to-string map; values must be strings, as Kustomize's YAML 1.1 reading types them. */
  Map<String, String> stringMap(String key) throws RenderException {
    Object v = map.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    Map<String, Object> m = Trees.map(v);
    if (m == null) {
      throw error(key, "must be a mapping of strings");
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object val = e.getValue();
      if (!(val instanceof String s)) {
        throw error(
            key + "." + e.getKey(),
            "must be a string (quote it: values like yes, no, on, off, 1 or true are not strings"
                + " in a kustomization)");
      }
      out.put(e.getKey(), s);
    }
    return out;
  }

  List<KustomizationFields> objects(String key) throws RenderException {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    List<Object> l = Trees.list(v);
    if (l == null) {
      throw error(key, "must be a list");
    }
    List<KustomizationFields> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      out.add(of(file, field(key) + "[" + i + "]", l.get(i)));
    }
    return out;
  }

  KustomizationFields object(String key) throws RenderException {
    Object v = map.get(key);
    return v == null
        ? new KustomizationFields(file, field(key), Map.of())
        : of(file, field(key), v);
  }
}
