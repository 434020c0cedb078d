package dev.flotilla.render.yaml;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes one document in block style exactly as Go's yaml.v2 does (the library behind {@code
 * kubectl kustomize}'s output): sorted keys, sequences not indented under their key, 80-column
 * folding of long plain and quoted scalars, literal blocks for multi-line strings. A port of the
 * libyaml emitter's layout and scalar rules, restricted to what Kubernetes objects need.
 */
final class BlockEmitter {
  private static final int BEST_INDENT = 2;
  private static final int BEST_WIDTH = 80;

  private final StringBuilder out;
  private final Deque<Integer> indents = new ArrayDeque<>();
  private int indent = -1;
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;

  BlockEmitter(StringBuilder out) {
    this.out = out;
  }

  void document(Object root) {
    indent = -1;
    column = 0;
    whitespace = true;
    indention = true;
    node(root, false, false);
    writeIndent();
  }

  private void node(Object value, boolean mappingContext, boolean simpleKey) {
    if (value instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        flowEmpty("{", "}");
      } else {
        mapping(m);
      }
    } else if (value instanceof List<?> l) {
      if (l.isEmpty()) {
        flowEmpty("[", "]");
      } else {
        sequence(l, mappingContext);
      }
    } else {
      scalar(value, simpleKey);
    }
  }

  private void mapping(Map<?, ?> m) {
    increaseIndent(false, false);
    List<String> keys = new ArrayList<>();
    for (Object k : m.keySet()) {
      keys.add(String.valueOf(k));
    }
    keys.sort(KeyOrder.INSTANCE);
    for (String key : keys) {
      writeIndent();
      int[] cps = key.codePoints().toArray();
      boolean simple =
          key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 128
              && !ScalarAnalysis.of(cps).multiline();
      if (simple) {
        scalar(key, true);
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        scalar(key, false);
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      node(m.get(key), true, false);
    }
    popIndent();
  }

  private void sequence(List<?> l, boolean mappingContext) {
    increaseIndent(false, mappingContext && !indention);
    for (Object item : l) {
      writeIndent();
      writeIndicator("-", true, false, true);
      node(item, false, false);
    }
    popIndent();
  }

  private void flowEmpty(String open, String close) {
    writeIndicator(open, true, true, false);
    increaseIndent(true, false);
    popIndent();
    writeIndicator(close, false, false, false);
  }

  private void scalar(Object value, boolean simpleKey) {
    String text;
    Style requested;
    if (value == null) {
      text = "null";
      requested = Style.PLAIN;
    } else if (value instanceof String s) {
      text = s;
      boolean canUsePlain = s.isEmpty() ? false : GoScalars.plainIsString(s);
      if (s.contains("\n")) {
        requested = Style.LITERAL;
      } else {
        requested = canUsePlain ? Style.PLAIN : Style.DOUBLE;
      }
    } else if (value instanceof Boolean b) {
      text = b.toString();
      requested = Style.PLAIN;
    } else if (value instanceof Number n) {
      text = GoScalars.formatNumber(n instanceof BigInteger ? n : n);
      requested = Style.PLAIN;
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName());
    }
    int[] v = text.codePoints().toArray();
    ScalarAnalysis a = ScalarAnalysis.of(v);
    Style style = requested;
    if (simpleKey && a.multiline()) {
      style = Style.DOUBLE;
    }
    if (style == Style.PLAIN) {
      if (!a.blockPlainAllowed() || (v.length == 0 && simpleKey)) {
        style = Style.SINGLE;
      }
    }
    if (style == Style.SINGLE && !a.singleQuotedAllowed()) {
      style = Style.DOUBLE;
    }
    if (style == Style.LITERAL && (!a.blockAllowed() || simpleKey)) {
      style = Style.DOUBLE;
    }
    increaseIndent(true, false);
    switch (style) {
      case PLAIN -> ScalarText.plain(this, v, !simpleKey);
      case SINGLE -> ScalarText.singleQuoted(this, v, !simpleKey);
      case DOUBLE -> ScalarText.doubleQuoted(this, v, !simpleKey);
      case LITERAL -> ScalarText.literal(this, v);
    }
    popIndent();
  }

  private enum Style {
    PLAIN,
    SINGLE,
    DOUBLE,
    LITERAL
  }

  // Low-level writing, shared with ScalarText.

  void increaseIndent(boolean flow, boolean indentless) {
    indents.push(indent);
    if (indent < 0) {
      indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      indent += BEST_INDENT;
    }
  }

  void popIndent() {
    indent = indents.pop();
  }

  void writeIndent() {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) {
      putBreak();
    }
    while (column < ind) {
      put(' ');
    }
    whitespace = true;
    indention = true;
  }

  void writeIndicator(
      String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
    if (needWhitespace && !whitespace) {
      put(' ');
    }
    out.append(indicator);
    column += indicator.length();
    whitespace = isWhitespace;
    indention = indention && isIndention;
  }

  void put(int c) {
    out.appendCodePoint(c);
    column++;
  }

  void putBreak() {
    out.append('\n');
    column = 0;
    indention = true;
  }

  /** Writes a break character from the value: a line feed as such, others verbatim. */
  void writeBreak(int c) {
    if (c == '\n') {
      putBreak();
    } else {
      out.appendCodePoint(c);
      column = 0;
      indention = true;
    }
  }

  int column() {
    return column;
  }

  int indent() {
    return indent;
  }

  boolean whitespace() {
    return whitespace;
  }

  void setWhitespace(boolean w) {
    whitespace = w;
  }

  void setIndention(boolean i) {
    indention = i;
  }

  static int bestWidth() {
    return BEST_WIDTH;
  }

  static int bestIndent() {
    return BEST_INDENT;
  }
}
