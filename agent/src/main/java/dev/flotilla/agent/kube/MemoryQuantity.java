package dev.flotilla.agent.kube;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Parses a Kubernetes resource quantity ({@code 3921340Ki}, {@code 4Gi}, {@code 512M}, {@code 1e9})
 * into bytes. Pure; used for the allocatable memory the agent reports.
 */
public final class MemoryQuantity {
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", BigDecimal.TEN.pow(3)),
          Map.entry("M", BigDecimal.TEN.pow(6)),
          Map.entry("G", BigDecimal.TEN.pow(9)),
          Map.entry("T", BigDecimal.TEN.pow(12)),
          Map.entry("P", BigDecimal.TEN.pow(15)),
          Map.entry("E", BigDecimal.TEN.pow(18)));

  private MemoryQuantity() {}

  /** Bytes in {@code quantity}, rounded down; throws IllegalArgumentException if malformed. */
  public static long bytes(String quantity) {
    String q = quantity == null ? "" : quantity.trim();
    int end = q.length();
    while (end > 0 && Character.isLetter(q.charAt(end - 1)) && !isExponent(q, end - 1)) {
      end--;
    }
    String suffix = q.substring(end);
    BigDecimal factor = suffix.isEmpty() ? BigDecimal.ONE : SUFFIXES.get(suffix);
    if (factor == null || end == 0) {
      throw new IllegalArgumentException("not a memory quantity: '" + quantity + "'");
    }
    try {
      return new BigDecimal(q.substring(0, end)).multiply(factor).longValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a memory quantity: '" + quantity + "'", e);
    }
  }

  // "1e9" is an exponent, "1E" (exa) is a suffix: an 'e'/'E' followed by digits is part of the
  // number.
  private static boolean isExponent(String q, int i) {
    char c = q.charAt(i);
    return (c == 'e' || c == 'E') && i + 1 < q.length() && Character.isDigit(q.charAt(i + 1));
  }
}
