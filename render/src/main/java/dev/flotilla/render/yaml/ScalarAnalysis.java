package dev.flotilla.render.yaml;

/**
 * Which YAML styles can carry a scalar's text unchanged, decided the way libyaml's emitter (and so
 * Go's yaml.v2) decides it: the basis of byte-identical quoting.
 */
record ScalarAnalysis(
    boolean multiline,
    boolean blockPlainAllowed,
    boolean singleQuotedAllowed,
    boolean blockAllowed) {

  static ScalarAnalysis of(int[] v) {
    if (v.length == 0) {
      return new ScalarAnalysis(false, true, true, false);
    }
    boolean blockIndicators = false;
    boolean lineBreaks = false;
    boolean special = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean previousSpace = false;
    boolean previousBreak = false;
    if (v.length >= 3
        && ((v[0] == '-' && v[1] == '-' && v[2] == '-')
            || (v[0] == '.' && v[1] == '.' && v[2] == '.'))) {
      blockIndicators = true;
    }
    boolean precededByWhitespace = true;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      boolean followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
      if (i == 0) {
        switch (c) {
          case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
              blockIndicators = true;
          case '?', ':', '-' -> {
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          default -> {}
        }
      } else {
        if (c == ':' && followedByWhitespace) {
          blockIndicators = true;
        } else if (c == '#' && precededByWhitespace) {
          blockIndicators = true;
        }
      }
      if (!isPrintable(c)) {
        special = true;
      }
      if (c == ' ') {
        if (i == 0) {
          leadingSpace = true;
        }
        if (i == v.length - 1) {
          trailingSpace = true;
        }
        if (previousBreak) {
          breakSpace = true;
        }
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(c)) {
        lineBreaks = true;
        if (i == 0) {
          leadingBreak = true;
        }
        if (i == v.length - 1) {
          trailingBreak = true;
        }
        if (previousSpace) {
          spaceBreak = true;
        }
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlank(c) || isBreak(c);
    }
    boolean plain = true;
    boolean single = true;
    boolean block = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      plain = false;
    }
    if (trailingSpace) {
      block = false;
    }
    if (breakSpace) {
      plain = false;
      single = false;
    }
    if (spaceBreak || special) {
      plain = false;
      single = false;
      block = false;
    }
    if (lineBreaks || blockIndicators) {
      plain = false;
    }
    return new ScalarAnalysis(lineBreaks, plain, single, block);
  }

  static boolean isBlank(int c) {
    return c == ' ' || c == '\t';
  }

  static boolean isBreak(int c) {
    return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  static boolean isPrintable(int c) {
    return c == 0x0A
        || (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }
}
