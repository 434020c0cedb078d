package dev.flotilla.render;

/**
 * A render failed because of the repository's content: the message names the file (relative to the
 * repository root) and what is wrong with it, so an operator can fix the commit.
 */
public class RenderException extends Exception {
  private final String file;

  public RenderException(String file, String message) {
    this(file, message, null);
  }

  public RenderException(String file, String message, Throwable cause) {
    super(file == null || file.isEmpty() ? message : file + ": " + message, cause);
    this.file = file == null ? "" : file;
  }

  /** The file at fault, relative to the repository root; empty if none in particular. */
  public String file() {
    return file;
  }
}
