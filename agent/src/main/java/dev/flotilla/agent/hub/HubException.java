package dev.flotilla.agent.hub;

import java.time.Duration;

/** A call to the hub failed; the subtype says how to react. */
public sealed class HubException extends RuntimeException {
  HubException(String message, Throwable cause) {
    super(message, cause);
  }

  /** No answer (connection refused, timeout, TLS failure): retry with backoff. */
  public static final class Unreachable extends HubException {
    public Unreachable(String url, Throwable cause) {
      super("hub " + url + " did not answer: " + describe(cause), cause);
    }
  }

  /** The hub is saturated: come back after {@code retryAfter}. */
  public static final class Throttled extends HubException {
    private final Duration retryAfter;

    public Throttled(Duration retryAfter) {
      super("hub is busy; retry after " + retryAfter.toSeconds() + "s", null);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** The hub refused the request (4xx): retrying the same request will not help. */
  public static final class Refused extends HubException {
    private final int status;
    private final String code;

    public Refused(int status, String code, String message) {
      super("hub refused the request (" + status + " " + code + "): " + message, null);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  /** The hub failed (5xx) or answered nonsense: retry with backoff. */
  public static final class Failed extends HubException {
    public Failed(String message) {
      super(message, null);
    }
  }

  static String describe(Throwable t) {
    Throwable c = t;
    StringBuilder sb = new StringBuilder();
    while (c != null) {
      String m = c.getMessage();
      if (m != null && !m.isBlank() && sb.indexOf(m) < 0) {
        if (!sb.isEmpty()) {
          sb.append(": ");
        }
        sb.append(m);
      }
      c = c.getCause() == c ? null : c.getCause();
    }
    return sb.isEmpty() ? t.getClass().getSimpleName() : sb.toString();
  }
}
