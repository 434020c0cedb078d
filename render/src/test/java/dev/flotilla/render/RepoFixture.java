package dev.flotilla.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A repository in a temporary directory, written file by file: {@code repo.file("a/b.yaml", ...)}.
 */
public final class RepoFixture {
  private final Path root;

  public RepoFixture(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public RepoFixture file(String path, String content) {
    try {
      Path p = root.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path(String rel) {
    return root.resolve(rel);
  }
}
