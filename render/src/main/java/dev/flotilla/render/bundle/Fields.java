package dev.flotilla.render.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, path-aware access to one YAML mapping: every read names the field's full path in its
 * error, and {@link #rejectUnknown} refuses fields the format does not define.
 */
final class Fields {
  private final String file;
  private final String path;
  private final Map<String, Object> map;

  Fields(String file, String path, Map<String, Object> map) {
    this.file = file;
    this.path = path;
    this.map = map;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  BundleSpecException error(String key, String message) {
    return new BundleSpecException(file, path(key), message);
  }

  void rejectUnknown(Set<String> known) throws BundleSpecException {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw error(
            key,
            "unknown field (known fields here: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  Optional<String> string(String key) throws BundleSpecException {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      throw error(key, "must be a string, got a " + (v instanceof Map<?, ?> ? "mapping" : "list"));
    }
    return Optional.of(String.valueOf(v));
  }

  Optional<Boolean> bool(String key) throws BundleSpecException {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Boolean b)) {
      throw error(key, "must be true or false, got '" + v + "'");
    }
    return Optional.of(b);
  }

  Optional<Long> number(String key) throws BundleSpecException {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw error(key, "must be a whole number, got '" + v + "'");
    }
    return Optional.of(n.longValue());
  }

  List<String> strings(String key) throws BundleSpecException {
    List<Object> raw = list(key);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object o = raw.get(i);
      if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
        throw new BundleSpecException(file, path(key) + "[" + i + "]", "must be a string");
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  List<Object> list(String key) throws BundleSpecException {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw error(key, "must be a list");
    }
    return (List<Object>) l;
  }

  Optional<Fields> object(String key) throws BundleSpecException {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(of(file, path(key), v));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> rawMap(String key) throws BundleSpecException {
    Object v = map.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?>)) {
      throw error(key, "must be a mapping");
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static Fields of(String file, String path, Object value) throws BundleSpecException {
    if (!(value instanceof Map<?, ?> m)) {
      throw new BundleSpecException(file, path, "must be a mapping");
    }
    return new Fields(file, path, (Map<String, Object>) m);
  }

  String file() {
    return file;
  }

  String path() {
    return path;
  }
}
