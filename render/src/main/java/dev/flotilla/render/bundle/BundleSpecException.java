package dev.flotilla.render.bundle;

import dev.flotilla.render.RenderException;

/**
 * A {@code bundle.yaml} is invalid; names the file and the field path (e.g. {@code
 * rollout.stages[1]}).
 */
public final class BundleSpecException extends RenderException {
  private final String field;

  public BundleSpecException(String file, String field, String message) {
    this(file, field, message, null);
  }

  public BundleSpecException(String file, String field, String message, Throwable cause) {
    super(file, field.isEmpty() ? message : "field '" + field + "': " + message, cause);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
