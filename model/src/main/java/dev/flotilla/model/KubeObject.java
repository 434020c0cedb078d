package dev.flotilla.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Kubernetes object as an unstructured, deeply immutable tree of maps, lists, strings, numbers
 * and booleans, in the field order it was written. Rendering produces these, the agent applies
 * them; neither needs typed model classes.
 */
public final class KubeObject {
  private final Map<String, Object> body;

  private KubeObject(Map<String, Object> body) {
    this.body = body;
  }

  /** Copies {@code tree} deeply; fails unless it has apiVersion, kind and metadata.name. */
  public static KubeObject of(Map<String, ?> tree) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) freeze(tree);
    KubeObject o = new KubeObject(copy);
    o.ref();
    return o;
  }

  public Map<String, Object> body() {
    return body;
  }

  /** A deep, mutable copy of the body, for code that edits objects. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> mutableBody() {
    return (Map<String, Object>) thaw(body);
  }

  public String apiVersion() {
    return string(body.get("apiVersion"));
  }

  public String kind() {
    return string(body.get("kind"));
  }

  public String name() {
    return string(metadata().get("name"));
  }

  public String namespace() {
    return string(metadata().get("namespace"));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> metadata() {
    Object m = body.get("metadata");
    return m instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> labels() {
    Object l = metadata().get("labels");
    return l instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> annotations() {
    Object a = metadata().get("annotations");
    return a instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  public Optional<String> annotation(String key) {
    Object v = annotations().get(key);
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
  }

  public ObjectRef ref() {
    return new ObjectRef(apiVersion(), kind(), namespace(), name());
  }

  /** The value at a dotted path of map keys, e.g. {@code spec.replicas}. */
  public Optional<Object> at(String dottedPath) {
    Object cur = body;
    for (String key : dottedPath.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return Optional.empty();
      }
      cur = m.get(key);
    }
    return Optional.ofNullable(cur);
  }

  /** This object with {@code metadata.namespace} set (a copy). */
  public KubeObject withNamespace(String namespace) {
    Map<String, Object> copy = mutableBody();
    @SuppressWarnings("unchecked")
    Map<String, Object> meta =
        (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    meta.put("namespace", namespace);
    return of(copy);
  }

  private static String string(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  private static Object freeze(Object value) {
    if (value instanceof Map<?, ?> m) {
      LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        copy.put(String.valueOf(e.getKey()), freeze(e.getValue()));
      }
      return java.util.Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object o : l) {
        copy.add(freeze(o));
      }
      return java.util.Collections.unmodifiableList(copy);
    }
    return value;
  }

  private static Object thaw(Object value) {
    if (value instanceof Map<?, ?> m) {
      LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), thaw(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(o -> copy.add(thaw(o)));
      return copy;
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubeObject k && body.equals(k.body);
  }

  @Override
  public int hashCode() {
    return body.hashCode();
  }

  @Override
  public String toString() {
    return ref().toString();
  }
}
