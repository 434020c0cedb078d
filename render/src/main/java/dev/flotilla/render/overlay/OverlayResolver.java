package dev.flotilla.render.overlay;

import dev.flotilla.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves overlay directory templates against a cluster's labels (pure). {@code ${region}} is the
 * label {@code region}; {@code ${label:KEY}} is any label, including prefixed keys like {@code
 * ${label:topology.kubernetes.io/zone}}. A template naming a label the cluster lacks resolves to
 * nothing (the overlay is skipped, like an overlay whose directory does not exist).
 */
public final class OverlayResolver {
  private static final Pattern VAR = Pattern.compile("\\$\\{([^}]*)}");

  private OverlayResolver() {}

  /** One overlay template and what it became for a cluster. */
  public record Resolved(String template, String dir, String missingLabel) {
    public boolean chosen() {
      return dir != null;
    }
  }

  public static List<Resolved> resolve(List<String> templates, Labels labels) {
    List<Resolved> out = new ArrayList<>();
    for (String t : templates) {
      out.add(resolve(t, labels));
    }
    return out;
  }

  public static Resolved resolve(String template, Labels labels) {
    Matcher m = VAR.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String key = name.startsWith("label:") ? name.substring("label:".length()) : name;
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "overlay '" + template + "' has an empty variable ${" + name + "}");
      }
      var value = labels.get(key);
      if (value.isEmpty() || value.get().isEmpty()) {
        return new Resolved(template, null, key);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value.get()));
    }
    m.appendTail(sb);
    return new Resolved(template, sb.toString(), null);
  }
}
