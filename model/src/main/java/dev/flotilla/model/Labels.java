package dev.flotilla.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** An immutable, sorted set of Kubernetes-style labels. */
public record Labels(Map<String, String> map) {
  public static final Labels EMPTY = new Labels(Map.of());

  public Labels {
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (!Names.isLabelKey(e.getKey())) {
        throw new IllegalArgumentException("invalid label key: '" + e.getKey() + "'");
      }
      if (!Names.isLabelValue(e.getValue())) {
        throw new IllegalArgumentException(
            "invalid value for label " + e.getKey() + ": '" + e.getValue() + "'");
      }
      copy.put(e.getKey(), e.getValue());
    }
    map = Collections.unmodifiableSortedMap(copy);
  }

  public static Labels of(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("Labels.of needs key/value pairs");
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return new Labels(m);
  }

  /** Parses {@code k=v,k2=v2} (the form of {@code --labels}); an empty string is no labels. */
  public static Labels parse(String text) {
    TreeMap<String, String> m = new TreeMap<>();
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value in labels, got: '" + p + "'");
      }
      m.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
    }
    return new Labels(m);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(map.get(key));
  }

  /** These labels with {@code other}'s entries added or replacing ours. */
  public Labels with(Labels other) {
    TreeMap<String, String> m = new TreeMap<>(map);
    m.putAll(other.map);
    return new Labels(m);
  }

  public Labels without(String key) {
    TreeMap<String, String> m = new TreeMap<>(map);
    m.remove(key);
    return new Labels(m);
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public String toString() {
    return map.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
