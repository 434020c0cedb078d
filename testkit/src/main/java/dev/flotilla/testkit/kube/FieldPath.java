package dev.flotilla.testkit.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One field of an object as managed fields name it, element by element in the {@code fieldsV1}
 * encoding: {@code f:spec}, {@code k:{"name":"web"}} (an element of a keyed list), {@code .} (the
 * element itself).
 */
record FieldPath(List<String> elements) {
  static final String SELF = ".";

  FieldPath {
    elements = List.copyOf(elements);
  }

  static FieldPath root() {
    return new FieldPath(List.of());
  }

  FieldPath field(String name) {
    return append("f:" + name);
  }

  FieldPath key(Map<String, Object> keys) {
    return append("k:" + KeyJson.encode(keys));
  }

  FieldPath self() {
    return append(SELF);
  }

  private FieldPath append(String element) {
    List<String> e = new ArrayList<>(elements.size() + 1);
    e.addAll(elements);
    e.add(element);
    return new FieldPath(e);
  }

  boolean isSelf() {
    return !elements.isEmpty() && elements.get(elements.size() - 1).equals(SELF);
  }

  /** The path without a trailing {@code .}: the subtree this path stands for. */
  FieldPath scope() {
    return isSelf() ? new FieldPath(elements.subList(0, elements.size() - 1)) : this;
  }

  boolean startsWith(FieldPath prefix) {
    return elements.size() >= prefix.elements.size()
        && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
  }

  /** Either path lies within the other's subtree. */
  boolean overlaps(FieldPath other) {
    return scope().startsWith(other.scope()) || other.scope().startsWith(scope());
  }

  /** As the API server prints it in conflicts: {@code .spec.containers[name="web"].image}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (String e : elements) {
      if (e.startsWith("f:")) {
        s.append('.').append(e.substring(2));
      } else if (e.startsWith("k:")) {
        StringBuilder k = new StringBuilder();
        KeyJson.decode(e.substring(2))
            .forEach(
                (name, v) ->
                    k.append(k.isEmpty() ? "" : ",")
                        .append(name)
                        .append('=')
                        .append(v instanceof String str ? '"' + str + '"' : v));
        s.append('[').append(k).append(']');
      }
    }
    return s.toString();
  }
}
