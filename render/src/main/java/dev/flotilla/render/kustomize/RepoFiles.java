package dev.flotilla.render.kustomize;

import dev.flotilla.render.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Read-only access to one repository's files, refusing anything that would leave it: absolute
 * paths, {@code ..} escapes, symlinks that point outside, URLs. Reads are capped in size. Every
 * error names the offending file relative to the root.
 */
public final class RepoFiles {
  private final Path root;
  private final Path realRoot;
  private final long maxFileBytes;

  public RepoFiles(Path root, long maxFileBytes) throws RenderException {
    this.root = root.toAbsolutePath().normalize();
    try {
      this.realRoot = this.root.toRealPath();
    } catch (IOException e) {
      throw new RenderException("", "repository root " + root + " cannot be read: " + e, e);
    }
    this.maxFileBytes = maxFileBytes;
  }

  public Path root() {
    return root;
  }

  /** {@code path} relative to the root, with {@code /} separators, for messages. */
  public String rel(Path path) {
    String r = root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    return r.isEmpty() ? "." : r;
  }

  /**
   * Resolves {@code ref}, written in {@code file} (for errors) and relative to directory {@code
   * base}, refusing remote, absolute and escaping references.
   */
  public Path resolve(Path base, String ref, String file, String field) throws RenderException {
    if (ref == null || ref.isBlank()) {
      throw new RenderException(file, "field '" + field + "': an entry is empty");
    }
    if (ref.contains("://") || ref.startsWith("git@") || ref.startsWith("github.com/")) {
      throw new RenderException(
          file,
          "field '"
              + field
              + "': remote resource '"
              + ref
              + "' is not supported; vendor it into the repository");
    }
    if (ref.startsWith("/") || Path.of(ref).isAbsolute()) {
      throw new RenderException(
          file, "field '" + field + "': absolute path '" + ref + "' is not allowed");
    }
    Path p = base.resolve(ref).normalize();
    if (!p.startsWith(root)) {
      throw new RenderException(
          file, "field '" + field + "': path '" + ref + "' leaves the repository root");
    }
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (!p.toRealPath().startsWith(realRoot)) {
          throw new RenderException(
              file,
              "field '"
                  + field
                  + "': path '"
                  + ref
                  + "' is a symlink that points outside the repository");
        }
      } catch (IOException e) {
        throw new RenderException(file, "field '" + field + "': cannot resolve '" + ref + "'", e);
      }
    }
    return p;
  }

  /** Names of the regular {@code .yaml}/{@code .yml} files directly in {@code dir}, sorted. */
  public java.util.List<String> yamlFilesIn(Path dir) throws RenderException {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml")))
          .sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new RenderException(rel(dir), "cannot be listed: " + e.getMessage(), e);
    }
  }

  public boolean isDirectory(Path p) {
    return Files.isDirectory(p);
  }

  public boolean isFile(Path p) {
    return Files.isRegularFile(p);
  }

  /** The file's bytes; an error names the file if it is missing, unreadable or too large. */
  public byte[] read(Path p) throws RenderException {
    String rel = rel(p);
    try {
      if (!p.toRealPath().startsWith(realRoot)) {
        throw new RenderException(rel, "is a symlink that points outside the repository");
      }
      long size = Files.size(p);
      if (size > maxFileBytes) {
        throw new RenderException(
            rel, "is " + size + " bytes, over the limit of " + maxFileBytes + " bytes");
      }
      return Files.readAllBytes(p);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new RenderException(rel, "does not exist", e);
    } catch (IOException e) {
      throw new RenderException(rel, "cannot be read: " + e.getMessage(), e);
    }
  }
}
