package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code replacements:}: copies a value from one object's field into fields of selected objects,
 * optionally one part of a delimited string. A source that matches no or several objects, and a
 * target field that does not exist (without {@code create}), are errors naming the entry.
 */
final class Replacements {
  private Replacements() {}

  static void apply(List<Resource> resources, List<KustomizationFields> entries)
      throws RenderException {
    for (KustomizationFields e : entries) {
      if (e.has("path")) {
        throw e.error("path", "replacement files are not supported; write the replacement inline");
      }
      e.allowOnly(Set.of("source", "targets"), "a replacement");
      Object value = sourceValue(resources, e.object("source"));
      for (KustomizationFields t : e.objects("targets")) {
        applyTarget(resources, t, value);
      }
    }
  }

  private static Object sourceValue(List<Resource> resources, KustomizationFields s)
      throws RenderException {
    s.allowOnly(
        Set.of("group", "version", "kind", "name", "namespace", "fieldPath", "options"),
        "a replacement source");
    List<Resource> found = new ArrayList<>();
    for (Resource r : resources) {
      ResId cur = r.curId();
      ResId org = r.orgId();
      if (matchesExact(s, "group", cur.group())
          && matchesExact(s, "version", cur.version())
          && matchesExact(s, "kind", cur.kind())
          && (matchesExact(s, "name", cur.name()) || matchesExact(s, "name", org.name()))
          && (matchesExact(s, "namespace", cur.namespace())
              || matchesExact(s, "namespace", org.namespace()))) {
        found.add(r);
      }
    }
    if (found.size() != 1) {
      throw s.error(
          "",
          (found.isEmpty() ? "selects no object" : "selects " + found.size() + " objects: " + found)
              + "; a replacement source must select exactly one");
    }
    String path = s.string("fieldPath").isEmpty() ? "metadata.name" : s.string("fieldPath");
    List<Object> values = new FieldPath(path).get(found.get(0).body());
    if (values.isEmpty()) {
      throw s.error("fieldPath", "'" + path + "' does not exist in " + found.get(0));
    }
    Object v = values.get(0);
    KustomizationFields o = s.object("options");
    o.allowOnly(Set.of("delimiter", "index", "create"), "replacement options");
    if (o.has("delimiter")) {
      String[] parts =
          Trees.string(v).split(java.util.regex.Pattern.quote(o.string("delimiter")), -1);
      int idx = index(o);
      if (idx < 0 || idx >= parts.length) {
        throw o.error("index", "is out of range for value '" + v + "'");
      }
      return parts[idx];
    }
    return v;
  }

  private static boolean matchesExact(KustomizationFields s, String key, String actual)
      throws RenderException {
    return !s.has(key) || s.string(key).equals(actual);
  }

  private static int index(KustomizationFields o) throws RenderException {
    Object i = o.raw("index");
    if (i == null) {
      return 0;
    }
    if (!(i instanceof Long l)) {
      throw o.error("index", "must be a whole number");
    }
    return l.intValue();
  }

  private static void applyTarget(List<Resource> resources, KustomizationFields t, Object value)
      throws RenderException {
    t.allowOnly(Set.of("select", "reject", "fieldPaths", "options"), "a replacement target");
    Selector select = Selector.parse(t.object("select"));
    List<Selector> rejects = new ArrayList<>();
    for (KustomizationFields r : t.objects("reject")) {
      rejects.add(Selector.parse(r));
    }
    KustomizationFields o = t.object("options");
    o.allowOnly(Set.of("delimiter", "index", "create"), "replacement options");
    boolean create = o.bool("create");
    for (Resource r : resources) {
      if (!select.matches(r) || rejects.stream().anyMatch(x -> x.matches(r))) {
        continue;
      }
      for (String fp : t.strings("fieldPaths")) {
        FieldPath path = new FieldPath(fp);
        int n =
            path.set(
                r.body(),
                old -> {
                  if (!o.has("delimiter")) {
                    return Trees.copy(value);
                  }
                  return splice(Trees.string(old), o, Trees.string(value));
                },
                create);
        if (n == 0) {
          throw t.error(
              "fieldPaths",
              "'" + fp + "' does not exist in " + r + " (set options.create to add it)");
        }
      }
    }
  }

  private static String splice(String old, KustomizationFields o, String value) {
    try {
      String delim = o.string("delimiter");
      String[] parts = old.split(java.util.regex.Pattern.quote(delim), -1);
      int idx = index(o);
      List<String> l = new ArrayList<>(List.of(parts));
      if (idx >= l.size()) {
        l.add(value);
      } else if (idx < 0) {
        l.add(0, value);
      } else {
        l.set(idx, value);
      }
      return String.join(delim, l);
    } catch (RenderException e) {
      throw new IllegalStateException(e);
    }
  }
}
