package dev.flotilla.render.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalar typing and number formatting as Kustomize's Go YAML stack does them, so that values read
 * here and written by {@link YamlWriter} come out as {@code kubectl kustomize} prints them. Inputs
 * are resolved by YAML 1.2-ish rules (yaml.v3); outputs are checked against YAML 1.1 rules
 * (yaml.v2, which writes the final text) to decide quoting. Pure functions.
 */
public final class GoScalars {
  private static final Pattern FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern DATE = Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "^(\\d{4})-(\\d{1,2})-(\\d{1,2})([Tt]|[ ])(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?$");
  private static final Pattern BASE60 =
      Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final Set<String> V2_SPECIAL =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
          "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null",
          "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
          "-.inf", "-.Inf", "-.INF", "<<");

  private GoScalars() {}

  /**
   * The value of an untagged plain scalar: null, Boolean, Long, BigInteger, Double, or String
   * (timestamps become their RFC 3339 text, as Kustomize's JSON round trip makes them).
   */
  public static Object resolvePlain(String in) {
    switch (in) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      case ".nan", ".NaN", ".NAN":
        return Double.NaN;
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    char c = in.charAt(0);
    if (c == '.') {
      return parseFloatOr(in, in);
    }
    if (!(c == '+' || c == '-' || (c >= '0' && c <= '9'))) {
      return in;
    }
    String ts = timestamp(in);
    if (ts != null) {
      return ts;
    }
    String plain = in.replace("_", "");
    Object number = goParseInt(plain);
    if (number != null) {
      return number;
    }
    if (FLOAT.matcher(plain).matches()) {
      return parseFloatOr(plain, in);
    }
    return in;
  }

  /** Like {@link #resolvePlain} with YAML 1.1's extra booleans ({@code yes}, {@code off}, ...). */
  public static Object resolvePlainYaml11(String in) {
    switch (in) {
      case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON":
        return Boolean.TRUE;
      case "n", "N", "no", "No", "NO", "off", "Off", "OFF":
        return Boolean.FALSE;
      default:
        return resolvePlain(in);
    }
  }

  /** Whether yaml.v2 would read {@code s}, written plain, back as the same string. */
  public static boolean plainIsString(String s) {
    if (V2_SPECIAL.contains(s)) {
      return false;
    }
    char c = s.charAt(0);
    if (c == '.') {
      return parseFloatOr(s, null) == null;
    }
    if (!(c == '+' || c == '-' || (c >= '0' && c <= '9'))) {
      return true;
    }
    if (timestamp(s) != null) {
      return false;
    }
    String plain = s.replace("_", "");
    if (goParseInt(plain) != null || FLOAT.matcher(plain).matches()) {
      return false;
    }
    if (plain.startsWith("0b") || plain.startsWith("-0b")) {
      String digits = plain.substring(plain.indexOf('b') + 1);
      if (!digits.isEmpty() && digits.chars().allMatch(ch -> ch == '0' || ch == '1')) {
        return false;
      }
    }
    return !(s.indexOf(':') >= 0 && BASE60.matcher(s).matches());
  }

  /**
   * The text yaml.v2 writes for a number after Go's JSON round trip: integers as they are, floats
   * through Go's JSON formatting and back.
   */
  public static String formatNumber(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("json: unsupported value: " + d);
      }
      String json = goJsonFloat(d);
      Object back = goParseInt(json);
      if (back != null) {
        return back.toString();
      }
      return goFormatG(Double.parseDouble(json));
    }
    return n.toString();
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}, falling back to ParseUint; null if neither parses. */
  static Object goParseInt(String s) {
    if (s.isEmpty()) {
      return null;
    }
    boolean neg = false;
    String body = s;
    if (body.charAt(0) == '+' || body.charAt(0) == '-') {
      neg = body.charAt(0) == '-';
      body = body.substring(1);
    }
    int radix = 10;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char p = body.charAt(1);
      if (p == 'x' || p == 'X') {
        radix = 16;
        body = body.substring(2);
      } else if (p == 'o' || p == 'O') {
        radix = 8;
        body = body.substring(2);
      } else if (p == 'b' || p == 'B') {
        radix = 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int i = 0; i < body.length(); i++) {
      if (Character.digit(body.charAt(i), radix) < 0 || body.charAt(i) > 'z') {
        return null;
      }
    }
    BigInteger v = new BigInteger(body, radix);
    if (neg) {
      v = v.negate();
    }
    if (v.bitLength() < 64) {
      return v.longValue();
    }
    if (!neg && v.compareTo(UINT64_MAX) <= 0) {
      return v;
    }
    return null;
  }

  private static Object parseFloatOr(String s, Object fallback) {
    return FLOAT.matcher(s).matches() ? (Object) Double.parseDouble(s) : fallback;
  }

  /** Go's encoding/json float text. */
  static String goJsonFloat(double d) {
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      String e = goFormatE(d);
      return e.replaceFirst("e-0(\\d)$", "e-$1");
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  /** Go's {@code strconv.FormatFloat(d, 'g', -1, 64)}. */
  static String goFormatG(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 6) {
      return goFormatE(d);
    }
    return bd.toPlainString();
  }

  private static String goFormatE(double d) {
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int exp = bd.precision() - bd.scale() - 1;
    StringBuilder sb = new StringBuilder();
    if (d < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int ae = Math.abs(exp);
    if (ae < 10) {
      sb.append('0');
    }
    sb.append(ae);
    return sb.toString();
  }

  /** RFC 3339 text of a YAML timestamp in one of the forms Go's YAML accepts, else null. */
  static String timestamp(String s) {
    if (s.length() < 8 || s.charAt(4) != '-') {
      return null;
    }
    Matcher m = DATE.matcher(s);
    if (m.matches()) {
      LocalDate date = date(m.group(1), m.group(2), m.group(3));
      return date == null ? null : date + "T00:00:00Z";
    }
    m = DATE_TIME.matcher(s);
    if (!m.matches()) {
      return null;
    }
    if (m.group(4).equals(" ") && m.group(9) != null) {
      return null;
    }
    LocalDate date = date(m.group(1), m.group(2), m.group(3));
    int h = Integer.parseInt(m.group(5));
    int min = Integer.parseInt(m.group(6));
    int sec = Integer.parseInt(m.group(7));
    if (date == null || h > 23 || min > 59 || sec > 59) {
      return null;
    }
    if (m.group(4).equals(" ") && m.group(9) == null) {
      // "2006-1-2 15:4:5" has no zone: UTC
    } else if (m.group(9) == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(date.toString());
    sb.append('T').append(two(h)).append(':').append(two(min)).append(':').append(two(sec));
    if (m.group(8) != null) {
      String frac = m.group(8).substring(1);
      frac = frac.length() > 9 ? frac.substring(0, 9) : frac;
      frac = frac.replaceAll("0+$", "");
      if (!frac.isEmpty()) {
        sb.append('.').append(frac);
      }
    }
    String zone = m.group(9);
    sb.append(zone == null || zone.equals("Z") || zone.equals("+00:00") ? "Z" : zone);
    return sb.toString();
  }

  private static LocalDate date(String y, String mo, String d) {
    try {
      return LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }
}
