package dev.flotilla.render.yaml;

import java.util.List;
import java.util.Map;

/**
 * Writes objects as YAML documents separated by {@code ---}, byte for byte as {@code kubectl
 * kustomize} prints them (keys sorted the Go yaml.v2 way, its quoting and folding rules). Values
 * may be maps, lists, strings, booleans, numbers and null.
 */
public final class YamlWriter {
  private YamlWriter() {}

  public static String documents(List<? extends Map<String, ?>> docs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        sb.append("---\n");
      }
      new BlockEmitter(sb).document(docs.get(i));
    }
    return sb.toString();
  }

  /** One document, e.g. a single object. */
  public static String document(Object doc) {
    StringBuilder sb = new StringBuilder();
    new BlockEmitter(sb).document(doc);
    return sb.toString();
  }
}
