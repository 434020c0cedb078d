package dev.flotilla.render.yaml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;

/**
 * Parses untrusted YAML into maps, lists and scalars typed as Kustomize types them (yaml.v3 rules:
 * {@code yes} is a string, {@code 0x1F} an integer, dates become RFC 3339 text), within {@link
 * YamlLimits}. Aliases are expanded, with a cap on the nodes expansion may create, so an alias bomb
 * is an error rather than an out-of-memory.
 */
public final class ManifestParser {
  private static final String MERGE_TAG = "tag:yaml.org,2002:merge";
  private final YamlLimits limits;
  private final long maxNodes;

  private final boolean yaml11;

  public ManifestParser(YamlLimits limits) {
    this(limits, false);
  }

  /**
   * @param yaml11 type plain scalars by YAML 1.1 rules ({@code yes}, {@code on}, {@code n} are
   *     booleans), as Kustomize reads kustomization files
   */
  public ManifestParser(YamlLimits limits, boolean yaml11) {
    this.limits = limits;
    this.yaml11 = yaml11;
    this.maxNodes = Math.max(10_000L, limits.maxBytes() * 4L);
  }

  /** Non-empty documents of {@code content}; {@code file} names it in errors. */
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
            .setCodePointLimit(Math.max(limits.maxBytes(), 1))
            .setUseMarks(true)
            .build();
    List<Object> docs = new ArrayList<>();
    try {
      Iterator<Event> events =
          new Parse(settings).parseString(new String(content, StandardCharsets.UTF_8)).iterator();
      while (events.hasNext()) {
        Event e = events.next();
        if (e.getEventId() == Event.ID.DocumentStart) {
          Object doc = new Builder(file, events).node(events.next(), 0);
          Event end = events.next();
          if (end.getEventId() != Event.ID.DocumentEnd) {
            throw new YamlException(file, "is not valid YAML: unexpected " + end, null);
          }
          if (doc != null) {
            if (docs.size() >= limits.maxDocuments()) {
              throw new YamlException(
                  file, "has more than " + limits.maxDocuments() + " YAML documents", null);
            }
            docs.add(doc);
          }
        }
      }
    } catch (YamlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new YamlException(file, "is not valid YAML: " + oneLine(e.getMessage()), e);
    }
    return docs;
  }

  private final class Builder {
    private final String file;
    private final Iterator<Event> events;
    private final Map<String, Object> anchors = new HashMap<>();
    private int aliases;
    private long nodes;

    Builder(String file, Iterator<Event> events) {
      this.file = file;
      this.events = events;
    }

    Object node(Event e, int depth) {
      if (depth > limits.maxDepth()) {
        throw new YamlException(file, "nests deeper than " + limits.maxDepth() + " levels", null);
      }
      count(1);
      Object value;
      switch (e) {
        case AliasEvent a -> {
          String name = a.getAlias().getValue();
          if (!anchors.containsKey(name)) {
            throw new YamlException(file, "uses an undefined alias *" + name, null);
          }
          Object target = anchors.get(name);
          if (target instanceof Map<?, ?> || target instanceof List<?>) {
            if (++aliases > limits.maxAliases()) {
              throw new YamlException(
                  file, "uses more than " + limits.maxAliases() + " aliases to collections", null);
            }
          }
          return copy(target);
        }
        case ScalarEvent s -> value = scalar(s);
        case SequenceStartEvent s -> {
          List<Object> list = new ArrayList<>();
          for (Event n = events.next(); n.getEventId() != Event.ID.SequenceEnd; n = events.next()) {
            list.add(node(n, depth + 1));
          }
          value = list;
        }
        case MappingStartEvent m -> value = mapping(depth);
        default -> throw new YamlException(file, "is not valid YAML: unexpected " + e, null);
      }
      if (e instanceof NodeEvent ne && ne.getAnchor().isPresent()) {
        anchors.put(ne.getAnchor().get().getValue(), value);
      }
      return value;
    }

    private Map<String, Object> mapping(int depth) {
      LinkedHashMap<String, Object> map = new LinkedHashMap<>();
      List<Map<?, ?>> merges = new ArrayList<>();
      for (Event k = events.next(); k.getEventId() != Event.ID.MappingEnd; k = events.next()) {
        boolean merge =
            k instanceof ScalarEvent ks
                && ks.getValue().equals("<<")
                && (ks.getTag().isEmpty() ? ks.isPlain() : ks.getTag().get().equals(MERGE_TAG));
        Object key = node(k, depth + 1);
        Object value = node(events.next(), depth + 1);
        if (merge) {
          if (value instanceof Map<?, ?> m) {
            merges.add(m);
          } else if (value instanceof List<?> l
              && l.stream().allMatch(x -> x instanceof Map<?, ?>)) {
            l.forEach(x -> merges.add((Map<?, ?>) x));
          } else {
            throw new YamlException(
                file, "has a merge key (<<) whose value is not a mapping", null);
          }
          continue;
        }
        if (key instanceof Map<?, ?> || key instanceof List<?>) {
          throw new YamlException(file, "has a mapping key that is not a scalar", null);
        }
        String name = key == null ? "null" : key.toString();
        if (map.containsKey(name)) {
          throw new YamlException(file, "has the key '" + name + "' twice in one mapping", null);
        }
        map.put(name, value);
      }
      for (Map<?, ?> m : merges) {
        m.forEach((k, v) -> map.putIfAbsent(String.valueOf(k), copy(v)));
      }
      return map;
    }

    private Object scalar(ScalarEvent s) {
      String v = s.getValue();
      if (s.getTag().isPresent()) {
        String tag = s.getTag().get();
        return switch (tag) {
          case "tag:yaml.org,2002:str", "!" -> v;
          case "tag:yaml.org,2002:int",
              "tag:yaml.org,2002:float",
              "tag:yaml.org,2002:bool",
              "tag:yaml.org,2002:null" ->
              GoScalars.resolvePlain(v.isEmpty() ? "null" : v);
          case "tag:yaml.org,2002:binary" ->
              throw new YamlException(file, "uses a !!binary value, which is not supported", null);
          default -> v;
        };
      }
      if (!s.isPlain()) {
        return v;
      }
      return yaml11 ? GoScalars.resolvePlainYaml11(v) : GoScalars.resolvePlain(v);
    }

    private Object copy(Object value) {
      if (value instanceof Map<?, ?> m) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        count(m.size());
        m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
        return out;
      }
      if (value instanceof List<?> l) {
        List<Object> out = new ArrayList<>(l.size());
        count(l.size());
        l.forEach(v -> out.add(copy(v)));
        return out;
      }
      return value;
    }

    private void count(long n) {
      nodes += n;
      if (nodes > maxNodes) {
        throw new YamlException(
            file, "expands to more than " + maxNodes + " YAML nodes (an alias bomb?)", null);
      }
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").strip();
  }
}
