package dev.flotilla.testkit.kube;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flat JSON objects of {@code k:} path elements, e.g. {@code {"containerPort":80,
 * "protocol":"TCP"}}: keys sorted, values strings or integers. Pure.
 */
final class KeyJson {
  private KeyJson() {}

  static String encode(Map<String, Object> keys) {
    StringBuilder s = new StringBuilder("{");
    new TreeMap<>(keys)
        .forEach(
            (k, v) -> {
              if (s.length() > 1) {
                s.append(',');
              }
              s.append(quote(k)).append(':');
              s.append(v instanceof Number || v instanceof Boolean ? v : quote(String.valueOf(v)));
            });
    return s.append('}').toString();
  }

  static Map<String, Object> decode(String json) {
    Map<String, Object> out = new LinkedHashMap<>();
    int i = 1;
    while (i < json.length() - 1) {
      int keyEnd = endOfString(json, i);
      String key = unquote(json.substring(i, keyEnd + 1));
      i = keyEnd + 2;
      Object value;
      if (json.charAt(i) == '"') {
        int end = endOfString(json, i);
        value = unquote(json.substring(i, end + 1));
        i = end + 1;
      } else {
        int end = i;
        while (end < json.length() - 1 && json.charAt(end) != ',') {
          end++;
        }
        String raw = json.substring(i, end);
        value = raw.equals("true") || raw.equals("false") ? Boolean.valueOf(raw) : number(raw);
        i = end;
      }
      out.put(key, value);
      i++;
    }
    return out;
  }

  private static Object number(String raw) {
    long l = Long.parseLong(raw);
    return l == (int) l ? (Object) (int) l : (Object) l;
  }

  private static int endOfString(String json, int open) {
    int i = open + 1;
    while (json.charAt(i) != '"') {
      i += json.charAt(i) == '\\' ? 2 : 1;
    }
    return i;
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String unquote(String s) {
    return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
