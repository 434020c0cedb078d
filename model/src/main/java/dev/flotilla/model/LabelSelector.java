package dev.flotilla.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: {@code matchLabels} and {@code matchExpressions} ANDed together. An
 * empty selector matches everything, as in Kubernetes; "no selector at all" is expressed by the
 * caller (a bundle with no targets is deployed nowhere).
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
  public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

  public LabelSelector {
    matchLabels = new Labels(matchLabels == null ? Map.of() : matchLabels).map();
    matchExpressions = List.copyOf(matchExpressions == null ? List.of() : matchExpressions);
  }

  public static LabelSelector matchLabels(Map<String, String> labels) {
    return new LabelSelector(labels, List.of());
  }

  /** Parses the {@code -l} string form; see {@link SelectorParser}. */
  public static LabelSelector parse(String text) {
    return SelectorParser.parse(text);
  }

  /** Whether {@code labels} satisfy every term (pure). */
  public boolean matches(Labels labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.map().get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : matchExpressions) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return matchLabels.isEmpty() && matchExpressions.isEmpty();
  }

  /** All terms as requirements, matchLabels first (as {@code In} with one value). */
  public List<Requirement> requirements() {
    List<Requirement> all = new ArrayList<>();
    new TreeMap<>(matchLabels)
        .forEach((k, v) -> all.add(new Requirement(k, Operator.IN, List.of(v))));
    all.addAll(matchExpressions);
    return all;
  }

  /** The {@code -l} string form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return requirements().stream().map(Requirement::toString).collect(Collectors.joining(","));
  }

  /** The operators of {@code matchExpressions}. */
  public enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    private final String wireName;

    Operator(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Operator fromWireName(String name) {
      for (Operator o : values()) {
        if (o.wireName.equals(name)) {
          return o;
        }
      }
      throw new IllegalArgumentException(
          "unknown selector operator '" + name + "' (expected In, NotIn, Exists or DoesNotExist)");
    }
  }

  /** One term of {@code matchExpressions}. */
  public record Requirement(String key, Operator operator, List<String> values) {
    public Requirement {
      if (!Names.isLabelKey(key)) {
        throw new IllegalArgumentException("invalid label key in selector: '" + key + "'");
      }
      values = List.copyOf(values == null ? List.of() : values);
      boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
      if (needsValues && values.isEmpty()) {
        throw new IllegalArgumentException(
            "selector operator " + operator.wireName() + " on '" + key + "' needs values");
      }
      if (!needsValues && !values.isEmpty()) {
        throw new IllegalArgumentException(
            "selector operator " + operator.wireName() + " on '" + key + "' takes no values");
      }
      for (String v : values) {
        if (!Names.isLabelValue(v)) {
          throw new IllegalArgumentException("invalid label value in selector: '" + v + "'");
        }
      }
    }

    public boolean matches(Labels labels) {
      String actual = labels.map().get(key);
      return switch (operator) {
        case IN -> actual != null && values.contains(actual);
        case NOT_IN -> actual == null || !values.contains(actual);
        case EXISTS -> actual != null;
        case DOES_NOT_EXIST -> actual == null;
      };
    }

    @Override
    public String toString() {
      return switch (operator) {
        case IN ->
            values.size() == 1
                ? key + "=" + values.get(0)
                : key + " in (" + String.join(",", values) + ")";
        case NOT_IN ->
            values.size() == 1
                ? key + "!=" + values.get(0)
                : key + " notin (" + String.join(",", values) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }
}
