package dev.flotilla.render.substitute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces {@code ${...}} variables in the string values of object trees (pure). Only
 * Flotilla's variables ({@link Variables#isFlotillaVariable}) are touched; other {@code ${...}}
 * text, such as a shell script's {@code ${HOME}}, is left alone. {@code $${x}} always becomes the
 * literal {@code ${x}}. Working on values rather than YAML text means a substituted value can never
 * change the document's structure.
 */
public final class Substitution {
  private static final Pattern VAR = Pattern.compile("\\$(\\$?)\\{([^}]*)}");

  private Substitution() {}

  /** The Flotilla variables referenced anywhere in {@code trees}, sorted. */
  public static SortedSet<String> referenced(List<? extends Map<String, ?>> trees) {
    TreeSet<String> out = new TreeSet<>();
    for (Map<String, ?> t : trees) {
      collect(t, out);
    }
    return out;
  }

  private static void collect(Object node, SortedSet<String> out) {
    if (node instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            collect(String.valueOf(k), out);
            collect(v, out);
          });
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collect(v, out));
    } else if (node instanceof String s && s.contains("${")) {
      Matcher m = VAR.matcher(s);
      while (m.find()) {
        if (m.group(1).isEmpty() && Variables.isFlotillaVariable(m.group(2))) {
          out.add(m.group(2));
        }
      }
    }
  }

  /** An unresolved variable, with where it was found ({@code spec.containers[0].env[1].value}). */
  public record Unresolved(String variable, String field) {}

  /** The result: the substituted tree, or the first variable without a value. */
  public record Result(Map<String, Object> tree, Optional<Unresolved> unresolved) {}

  /** {@code tree} with every variable replaced by {@code lookup}'s value (a deep copy). */
  public static Result apply(Map<String, ?> tree, Function<String, Optional<String>> lookup) {
    List<Unresolved> missing = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) walk(tree, "", lookup, missing);
    return new Result(out, missing.stream().findFirst());
  }

  private static Object walk(
      Object node, String path, Function<String, Optional<String>> lookup, List<Unresolved> miss) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        String childPath = path.isEmpty() ? key : path + "." + key;
        out.put(
            (String) walk(key, childPath, lookup, miss),
            walk(e.getValue(), childPath, lookup, miss));
      }
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        out.add(walk(l.get(i), path + "[" + i + "]", lookup, miss));
      }
      return out;
    }
    if (node instanceof String s && s.contains("${")) {
      Matcher m = VAR.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String name = m.group(2);
        String replacement;
        if (!m.group(1).isEmpty()) {
          replacement = "${" + name + "}";
        } else if (Variables.isFlotillaVariable(name)) {
          Optional<String> v = lookup.apply(name);
          if (v.isEmpty()) {
            miss.add(new Unresolved(name, path));
            replacement = m.group();
          } else {
            replacement = v.get();
          }
        } else {
          replacement = m.group();
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    return node;
  }
}
