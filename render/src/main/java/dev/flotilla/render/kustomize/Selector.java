package dev.flotilla.render.kustomize;

import dev.flotilla.model.LabelSelector;
import dev.flotilla.model.Labels;
import dev.flotilla.render.RenderException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A patch or replacement target: group, version, kind, name and namespace (anchored regular
 * expressions, empty matches all) plus label and annotation selectors. Names and namespaces match
 * either the original or the current value, as in Kustomize.
 */
record Selector(
    String group,
    String version,
    Pattern kind,
    Pattern name,
    Pattern namespace,
    LabelSelector labelSelector,
    LabelSelector annotationSelector) {

  static Selector parse(KustomizationFields f) throws RenderException {
    f.allowOnly(
        Set.of(
            "group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"),
        "a target selector");
    try {
      return new Selector(
          f.string("group"),
          f.string("version"),
          regex(f.string("kind")),
          regex(f.string("name")),
          regex(f.string("namespace")),
          LabelSelector.parse(f.string("labelSelector")),
          LabelSelector.parse(f.string("annotationSelector")));
    } catch (IllegalArgumentException e) {
      throw f.error("", "invalid selector: " + e.getMessage());
    }
  }

  private static Pattern regex(String s) {
    return s.isEmpty() ? null : Pattern.compile("^(?:" + s + ")$");
  }

  boolean matches(Resource r) {
    ResId cur = r.curId();
    ResId org = r.orgId();
    if (!group.isEmpty() && !group.equals(cur.group())) {
      return false;
    }
    if (!version.isEmpty() && !version.equals(cur.version())) {
      return false;
    }
    if (kind != null && !kind.matcher(cur.kind()).matches()) {
      return false;
    }
    if (name != null
        && !name.matcher(org.name()).matches()
        && !name.matcher(cur.name()).matches()) {
      return false;
    }
    if (namespace != null
        && !namespace.matcher(org.effectiveNamespace()).matches()
        && !namespace.matcher(cur.effectiveNamespace()).matches()) {
      return false;
    }
    return labelSelector.matches(lenient(r.labels()))
        && annotationSelector.matches(lenient(r.annotations()));
  }

  private static Labels lenient(Map<String, String> m) {
    TreeMap<String, String> ok = new TreeMap<>();
    for (Map.Entry<String, String> e : m.entrySet()) {
      try {
        new Labels(Map.of(e.getKey(), e.getValue()));
        ok.put(e.getKey(), e.getValue());
      } catch (IllegalArgumentException ignored) {
        // not a valid label; a selector cannot name it either
      }
    }
    return new Labels(ok);
  }
}
