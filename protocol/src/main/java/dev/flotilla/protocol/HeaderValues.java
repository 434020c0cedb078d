package dev.flotilla.protocol;

/**
 * The two header values hub and agent both read: entity tags ({@code ETag}, {@code If-None-Match})
 * and delays in seconds ({@code Retry-After}, {@code Flotilla-Next-Poll}). Pure.
 */
public final class HeaderValues {
  /** Used when a delay header is not a whole number of seconds (an HTTP date, garbage). */
  public static final long DEFAULT_DELAY_SECONDS = 5;

  private HeaderValues() {}

  /** The opaque tag of an entity tag: {@code W/"abc"} and {@code "abc"} are both {@code abc}. */
  public static String entityTag(String header) {
    String e = header.strip();
    if (e.startsWith("W/")) {
      e = e.substring(2);
    }
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")
        ? e.substring(1, e.length() - 1)
        : e;
  }

  /** A delay in whole seconds, or {@link #DEFAULT_DELAY_SECONDS} if it is not one. */
  public static long delaySeconds(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return DEFAULT_DELAY_SECONDS;
    }
  }
}
