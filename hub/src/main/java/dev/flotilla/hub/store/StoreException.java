package dev.flotilla.hub.store;

/** The database failed; the message names the operation. Callers retry or fail the request. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
