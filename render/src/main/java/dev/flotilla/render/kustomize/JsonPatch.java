package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies an RFC 6902 JSON patch (add, remove, replace, move, copy, test) to an object's tree.
 * Errors name the patch's file and the operation's index.
 */
final class JsonPatch {
  private final String file;
  private final List<Object> ops;

  JsonPatch(String file, List<Object> ops) {
    this.file = file;
    this.ops = ops;
  }

  void apply(Map<String, Object> body, String target) throws RenderException {
    for (int i = 0; i < ops.size(); i++) {
      Map<String, Object> op = Trees.map(ops.get(i));
      String where = "operation [" + i + "] on " + target;
      if (op == null) {
        throw new RenderException(file, where + ": must be a mapping");
      }
      String kind = Trees.string(op.get("op"));
      String path = Trees.string(op.get("path"));
      try {
        switch (kind) {
          case "add" -> add(body, path, value(op, where));
          case "remove" -> remove(body, path);
          case "replace" -> {
            get(body, path);
            remove(body, path);
            add(body, path, value(op, where));
          }
          case "move" -> {
            Object v = get(body, Trees.string(op.get("from")));
            remove(body, Trees.string(op.get("from")));
            add(body, path, v);
          }
          case "copy" -> add(body, path, Trees.copy(get(body, Trees.string(op.get("from")))));
          case "test" -> {
            Object v = get(body, path);
            if (!java.util.Objects.equals(v, op.get("value"))) {
              throw new IllegalArgumentException("test failed at " + path);
            }
          }
          default -> throw new IllegalArgumentException("unknown op '" + kind + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new RenderException(file, where + ": " + e.getMessage());
      }
    }
  }

  private static Object value(Map<String, Object> op, String where) {
    if (!op.containsKey("value")) {
      throw new IllegalArgumentException("missing value");
    }
    return Trees.copy(op.get("value"));
  }

  private static List<String> tokens(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("the whole document cannot be patched");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path '" + path + "' must start with /");
    }
    List<String> out = new ArrayList<>();
    for (String t : path.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static Object parent(Map<String, Object> body, List<String> t, String path) {
    Object cur = body;
    for (int i = 0; i < t.size() - 1; i++) {
      cur = child(cur, t.get(i), path);
    }
    return cur;
  }

  private static Object child(Object cur, String token, String path) {
    Map<String, Object> m = Trees.map(cur);
    if (m != null) {
      if (!m.containsKey(token)) {
        throw new IllegalArgumentException("path '" + path + "' does not exist");
      }
      return m.get(token);
    }
    List<Object> l = Trees.list(cur);
    if (l != null) {
      return l.get(index(token, l.size() - 1, path));
    }
    throw new IllegalArgumentException("path '" + path + "' does not exist");
  }

  private static int index(String token, int max, String path) {
    try {
      int i = Integer.parseInt(token);
      if (i < 0 || i > max) {
        throw new IllegalArgumentException("index " + i + " out of range in '" + path + "'");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + token + "' is not a list index in '" + path + "'");
    }
  }

  static Object get(Map<String, Object> body, String path) {
    List<String> t = tokens(path);
    return child(parent(body, t, path), t.get(t.size() - 1), path);
  }

  private static void add(Map<String, Object> body, String path, Object value) {
    List<String> t = tokens(path);
    Object p = parent(body, t, path);
    String last = t.get(t.size() - 1);
    Map<String, Object> m = Trees.map(p);
    if (m != null) {
      m.put(last, value);
      return;
    }
    List<Object> l = Trees.list(p);
    if (l == null) {
      throw new IllegalArgumentException("path '" + path + "' does not exist");
    }
    if (last.equals("-")) {
      l.add(value);
    } else {
      l.add(index(last, l.size(), path), value);
    }
  }

  private static void remove(Map<String, Object> body, String path) {
    List<String> t = tokens(path);
    Object p = parent(body, t, path);
    String last = t.get(t.size() - 1);
    Map<String, Object> m = Trees.map(p);
    if (m != null) {
      if (!m.containsKey(last)) {
        throw new IllegalArgumentException("path '" + path + "' does not exist");
      }
      m.remove(last);
      return;
    }
    List<Object> l = Trees.list(p);
    if (l == null) {
      throw new IllegalArgumentException("path '" + path + "' does not exist");
    }
    l.remove(index(last, l.size() - 1, path));
  }
}
