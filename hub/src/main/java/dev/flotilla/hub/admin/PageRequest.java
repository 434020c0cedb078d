package dev.flotilla.hub.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One page of a listing that can hold the whole fleet, as Kubernetes lists are paged: {@code limit}
 * items at most, after the position a {@code continue} token names (the start if none). The hub
 * caps {@code limit} at {@link #MAX_LIMIT} so no request materializes the fleet.
 *
 * @param after the name of the last cluster the previous page examined; null for the first page
 * @param limit how many items the page may hold, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(String after, int limit) {
  /** Items per page when the client does not say. */
  public static final int DEFAULT_LIMIT = 500;

  /** The most items one page holds, whatever the client asks for. */
  public static final int MAX_LIMIT = 5000;

  /** The response header that carries the next page's token; absent on the last page. */
  public static final String CONTINUE_HEADER = "Flotilla-Continue";

  /** Versioned so a later hub can change what a token means and still refuse old ones cleanly. */
  private static final String TOKEN_PREFIX = "1:";

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
    }
  }

  public static final PageRequest FIRST = new PageRequest(null, DEFAULT_LIMIT);

  /**
   * The page the query parameters ask for; a malformed {@code limit} or {@code continue} throws
   * {@link IllegalArgumentException} naming the parameter. A limit above {@link #MAX_LIMIT} is
   * lowered to it, as Kubernetes servers may return fewer items than asked.
   */
  public static PageRequest parse(Optional<String> limit, Optional<String> token) {
    int n = DEFAULT_LIMIT;
    if (limit.isPresent()) {
      try {
        n = Integer.parseInt(limit.get().trim());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw new IllegalArgumentException(
            "query parameter 'limit' must be a positive whole number (pages hold at most "
                + MAX_LIMIT
                + " items), not '"
                + limit.get()
                + "'");
      }
    }
    String after = null;
    if (token.isPresent() && !token.get().isEmpty()) {
      after = decode(token.get());
    }
    return new PageRequest(after, Math.min(n, MAX_LIMIT));
  }

  /** The opaque token that continues a listing after the cluster named {@code name}. */
  public static String token(String name) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + name).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      text = "";
    }
    if (!text.startsWith(TOKEN_PREFIX) || text.length() == TOKEN_PREFIX.length()) {
      throw new IllegalArgumentException(
          "query parameter 'continue' is not a token this hub issued (take it from the "
              + CONTINUE_HEADER
              + " header of the previous page, or start again without it)");
    }
    return text.substring(TOKEN_PREFIX.length());
  }
}
