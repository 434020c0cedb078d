package dev.flotilla.protocol.json;

/** JSON could not be read as the expected type; the message says which document and why. */
public final class JsonException extends RuntimeException {
  public JsonException(String message) {
    super(message);
  }

  public JsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
