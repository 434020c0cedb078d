package dev.flotilla.render.yaml;

/**
 * Writes a scalar's text in one style, folding long lines at spaces past column 80 as libyaml does.
 * Each method mirrors the emitter routine of the same name in Go's yaml.v2.
 */
final class ScalarText {
  private ScalarText() {}

  static void plain(BlockEmitter e, int[] v, boolean allowBreaks) {
    if (!e.whitespace()) {
      e.put(' ');
    }
    boolean spaces = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (c == ' ') {
        boolean nextIsSpace = i + 1 < v.length && v[i + 1] == ' ';
        if (allowBreaks && !spaces && e.column() > BlockEmitter.bestWidth() && !nextIsSpace) {
          e.writeIndent();
        } else {
          e.put(c);
        }
        spaces = true;
      } else {
        e.put(c);
        e.setIndention(false);
        spaces = false;
      }
    }
    e.setWhitespace(false);
    e.setIndention(false);
  }

  static void singleQuoted(BlockEmitter e, int[] v, boolean allowBreaks) {
    e.writeIndicator("'", true, false, false);
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (c == ' ') {
        boolean nextIsSpace = i + 1 < v.length && v[i + 1] == ' ';
        if (allowBreaks
            && !spaces
            && e.column() > BlockEmitter.bestWidth()
            && i > 0
            && i < v.length - 1
            && !nextIsSpace) {
          e.writeIndent();
        } else {
          e.put(c);
        }
        spaces = true;
      } else if (ScalarAnalysis.isBreak(c)) {
        if (!breaks && c == '\n') {
          e.putBreak();
        }
        e.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) {
          e.writeIndent();
        }
        if (c == '\'') {
          e.put('\'');
        }
        e.put(c);
        e.setIndention(false);
        spaces = false;
        breaks = false;
      }
    }
    e.writeIndicator("'", false, false, false);
    e.setWhitespace(false);
    e.setIndention(false);
  }

  static void doubleQuoted(BlockEmitter e, int[] v, boolean allowBreaks) {
    e.writeIndicator("\"", true, false, false);
    boolean spaces = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (!ScalarAnalysis.isPrintable(c)
          || c == 0xFEFF
          || ScalarAnalysis.isBreak(c)
          || c == '"'
          || c == '\\') {
        e.put('\\');
        switch (c) {
          case 0x00 -> e.put('0');
          case 0x07 -> e.put('a');
          case 0x08 -> e.put('b');
          case 0x09 -> e.put('t');
          case 0x0A -> e.put('n');
          case 0x0B -> e.put('v');
          case 0x0C -> e.put('f');
          case 0x0D -> e.put('r');
          case 0x1B -> e.put('e');
          case 0x22 -> e.put('"');
          case 0x5C -> e.put('\\');
          case 0x85 -> e.put('N');
          case 0xA0 -> e.put('_');
          case 0x2028 -> e.put('L');
          case 0x2029 -> e.put('P');
          default -> {
            int width;
            if (c <= 0xFF) {
              e.put('x');
              width = 2;
            } else if (c <= 0xFFFF) {
              e.put('u');
              width = 4;
            } else {
              e.put('U');
              width = 8;
            }
            for (int k = (width - 1) * 4; k >= 0; k -= 4) {
              int digit = (c >> k) & 0x0F;
              e.put(digit < 10 ? '0' + digit : 'A' + digit - 10);
            }
          }
        }
        spaces = false;
      } else if (c == ' ') {
        if (allowBreaks
            && !spaces
            && e.column() > BlockEmitter.bestWidth()
            && i != 0
            && i != v.length - 1) {
          e.writeIndent();
          if (i + 1 < v.length && v[i + 1] == ' ') {
            e.put('\\');
          }
        } else {
          e.put(c);
        }
        spaces = true;
      } else {
        e.put(c);
        spaces = false;
      }
    }
    e.writeIndicator("\"", false, false, false);
    e.setWhitespace(false);
    e.setIndention(false);
  }

  static void literal(BlockEmitter e, int[] v) {
    e.writeIndicator("|", true, false, false);
    if (v.length > 0 && (v[0] == ' ' || ScalarAnalysis.isBreak(v[0]))) {
      e.writeIndicator(Integer.toString(BlockEmitter.bestIndent()), false, false, false);
    }
    String chomp = null;
    if (v.length == 0) {
      chomp = "-";
    } else {
      int i = v.length - 1;
      if (!ScalarAnalysis.isBreak(v[i])) {
        chomp = "-";
      } else if (i == 0 || ScalarAnalysis.isBreak(v[i - 1])) {
        chomp = "+";
      }
    }
    if (chomp != null) {
      e.writeIndicator(chomp, false, false, false);
    }
    e.putBreak();
    e.setIndention(true);
    e.setWhitespace(true);
    boolean breaks = true;
    for (int c : v) {
      if (ScalarAnalysis.isBreak(c)) {
        e.writeBreak(c);
        e.setIndention(true);
        breaks = true;
      } else {
        if (breaks) {
          e.writeIndent();
          breaks = false;
        }
        e.put(c);
        e.setIndention(false);
      }
    }
  }
}
