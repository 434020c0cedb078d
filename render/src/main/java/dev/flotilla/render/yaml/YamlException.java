package dev.flotilla.render.yaml;

/** A YAML file could not be read; the message names the file and, when known, the line. */
public final class YamlException extends RuntimeException {
  private final String file;

  public YamlException(String file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  public String file() {
    return file;
  }
}
