package dev.flotilla.hub.http;

/**
 * An error that becomes an HTTP response: status, a short machine-readable code, and a message for
 * the caller saying what to do. Handlers throw it; the router answers it.
 */
public final class HttpError extends RuntimeException {
  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  public HttpError(int status, String code, String message) {
    this(status, code, message, 0);
  }

  public HttpError(int status, String code, String message, long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static HttpError badRequest(String message) {
    return new HttpError(400, "bad_request", message);
  }

  public static HttpError unauthorized(String message) {
    return new HttpError(401, "unauthorized", message);
  }

  public static HttpError forbidden(String message) {
    return new HttpError(403, "forbidden", message);
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, "not_found", message);
  }

  public static HttpError conflict(String message) {
    return new HttpError(409, "conflict", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
