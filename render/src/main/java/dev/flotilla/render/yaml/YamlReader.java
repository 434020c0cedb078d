package dev.flotilla.render.yaml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Parses YAML from untrusted sources into plain maps, lists and scalars, enforcing {@link
 * YamlLimits}. Empty documents are dropped. Keys are strings; duplicate keys are an error.
 */
public final class YamlReader {
  private final YamlLimits limits;

  public YamlReader(YamlLimits limits) {
    this.limits = limits;
  }

  public static YamlReader withDefaults() {
    return new YamlReader(YamlLimits.DEFAULT);
  }

  /** All non-empty documents of {@code content}; {@code file} names it in errors. */
  public List<Object> documents(String file, byte[] content) {
    if (content.length > limits.maxBytes()) {
      throw new YamlException(
          file,
          "is " + content.length + " bytes, over the limit of " + limits.maxBytes() + " bytes",
          null);
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(limits.maxAliases())
            .setCodePointLimit(Math.max(limits.maxBytes(), 1))
            .setUseMarks(true)
            .build();
    List<Object> docs = new ArrayList<>();
    try {
      for (Object doc :
          new Load(settings).loadAllFromString(new String(content, StandardCharsets.UTF_8))) {
        if (doc == null) {
          continue;
        }
        if (docs.size() >= limits.maxDocuments()) {
          throw new YamlException(
              file, "has more than " + limits.maxDocuments() + " YAML documents", null);
        }
        docs.add(normalize(file, doc, 0));
      }
    } catch (YamlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new YamlException(file, "is not valid YAML: " + oneLine(e.getMessage()), e);
    }
    return docs;
  }

  /** The single document of {@code content} as a map (e.g. a kustomization or bundle.yaml). */
  public Map<String, Object> mapDocument(String file, byte[] content) {
    List<Object> docs = documents(file, content);
    if (docs.isEmpty()) {
      return new LinkedHashMap<>();
    }
    if (docs.size() > 1) {
      throw new YamlException(file, "must hold one YAML document, has " + docs.size(), null);
    }
    if (!(docs.get(0) instanceof Map<?, ?>)) {
      throw new YamlException(file, "must hold a YAML mapping at the top level", null);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) docs.get(0);
    return map;
  }

  private Object normalize(String file, Object node, int depth) {
    if (depth > limits.maxDepth()) {
      throw new YamlException(file, "nests deeper than " + limits.maxDepth() + " levels", null);
    }
    if (node instanceof Map<?, ?> m) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object key = e.getKey();
        if (key instanceof Map<?, ?> || key instanceof List<?>) {
          throw new YamlException(file, "has a mapping key that is not a scalar", null);
        }
        out.put(String.valueOf(key), normalize(file, e.getValue(), depth + 1));
      }
      return out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(normalize(file, o, depth + 1));
      }
      return out;
    }
    if (node instanceof byte[]) {
      throw new YamlException(file, "uses a !!binary value, which is not supported", null);
    }
    return node;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").strip();
  }
}
