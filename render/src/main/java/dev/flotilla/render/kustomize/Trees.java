package dev.flotilla.render.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to and copies of the map/list/scalar trees objects are made of. Kept in one place so
 * the unchecked casts are too.
 */
final class Trees {
  private Trees() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : null;
  }

  static String string(Object o) {
    return o == null ? "" : o.toString();
  }

  /** The map at {@code key}, created if absent or not a map. */
  static Map<String, Object> child(Map<String, Object> parent, String key) {
    Map<String, Object> m = map(parent.get(key));
    if (m == null) {
      m = new LinkedHashMap<>();
      parent.put(key, m);
    }
    return m;
  }

  /** A deep, mutable copy. */
  static Object copy(Object value) {
    if (value instanceof Map<?, ?> m) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copyMap(Map<String, ?> m) {
    return (Map<String, Object>) copy(m);
  }

  /** The value at a path of map keys, or null. */
  static Object at(Map<String, Object> body, String... keys) {
    Object cur = body;
    for (String k : keys) {
      Map<String, Object> m = map(cur);
      if (m == null) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }
}
