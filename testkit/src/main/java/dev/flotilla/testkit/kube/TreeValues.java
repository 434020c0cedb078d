package dev.flotilla.testkit.kube;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of object trees with numbers in the form a JSON decoder gives them (Integer when it
 * fits, else Long; Double for fractions), so that values compare with {@code equals} whether a test
 * wrote {@code 3}, {@code 3L} or read them back from JSON. Pure.
 */
final class TreeValues {
  private TreeValues() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> copyMap(Map<?, ?> map) {
    return (Map<String, Object>) copy(map);
  }

  static Object copy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value instanceof Number n ? number(n) : value;
  }

  private static Object number(Number n) {
    if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? number((long) d) : (Object) d;
    }
    long l = n instanceof BigInteger b ? b.longValue() : n.longValue();
    return l == (int) l ? (Object) (int) l : (Object) l;
  }
}
