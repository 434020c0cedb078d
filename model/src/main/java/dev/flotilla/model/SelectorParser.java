package dev.flotilla.model;

import dev.flotilla.model.LabelSelector.Operator;
import dev.flotilla.model.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the string form of a label selector as {@code kubectl -l} does: comma-separated terms
 * {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)} (a set may
 * hold the empty value), {@code k} and {@code !k}. Pure; errors name the offending term and
 * position.
 */
final class SelectorParser {
  private final String text;
  private int pos;

  private SelectorParser(String text) {
    this.text = text;
  }

  static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return LabelSelector.EVERYTHING;
    }
    return new SelectorParser(text).selector();
  }

  private LabelSelector selector() {
    List<Requirement> terms = new ArrayList<>();
    while (true) {
      skipSpaces();
      terms.add(term());
      skipSpaces();
      if (pos >= text.length()) {
        break;
      }
      expect(',');
    }
    return new LabelSelector(null, terms);
  }

  private Requirement term() {
    int start = pos;
    try {
      if (peek() == '!') {
        pos++;
        skipSpaces();
        return new Requirement(word(), Operator.DOES_NOT_EXIST, List.of());
      }
      String key = word();
      skipSpaces();
      if (pos >= text.length() || peek() == ',') {
        return new Requirement(key, Operator.EXISTS, List.of());
      }
      if (text.startsWith("==", pos)) {
        pos += 2;
        return new Requirement(key, Operator.IN, List.of(value()));
      }
      if (text.startsWith("!=", pos)) {
        pos += 2;
        return new Requirement(key, Operator.NOT_IN, List.of(value()));
      }
      if (peek() == '=') {
        pos++;
        return new Requirement(key, Operator.IN, List.of(value()));
      }
      String op = word();
      Operator operator =
          switch (op) {
            case "in" -> Operator.IN;
            case "notin" -> Operator.NOT_IN;
            default ->
                throw error(
                    "expected =, ==, !=, in or notin after '" + key + "', got '" + op + "'");
          };
      skipSpaces();
      expect('(');
      skipSpaces();
      if (peek() == ')') {
        throw error(operator.wireName() + " on '" + key + "' needs at least one value");
      }
      // as in Kubernetes, a set may hold the empty value: "k in (,a)"
      List<String> values = new ArrayList<>();
      while (true) {
        skipSpaces();
        values.add(value());
        skipSpaces();
        if (peek() == ')') {
          pos++;
          break;
        }
        expect(',');
      }
      return new Requirement(key, operator, values);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("label selector")) {
        throw e;
      }
      throw new IllegalArgumentException(
          "label selector '" + text + "': term at position " + start + ": " + e.getMessage(), e);
    }
  }

  private String value() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && isWordChar(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private String word() {
    String w = value();
    if (w.isEmpty()) {
      throw error("expected a label key or value");
    }
    return w;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "label selector '" + text + "': " + what + " at position " + pos);
  }
}
