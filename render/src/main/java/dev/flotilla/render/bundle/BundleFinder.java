package dev.flotilla.render.bundle;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.render.RenderException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the bundles of a repository checkout: every {@code bundle.yaml} below the root (hidden
 * directories such as {@code .git} skipped, symlinks not followed), parsed. I/O at the edge; the
 * parsing is {@link BundleSpecParser}'s.
 */
public final class BundleFinder {
  private final BundleSpecParser parser;

  public BundleFinder(BundleSpecParser parser) {
    this.parser = parser;
  }

  /** Every bundle under {@code root}, in path order. */
  public List<BundleSpec> all(Path root) throws RenderException {
    Path base = root.toAbsolutePath().normalize();
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          base,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              return !dir.equals(base) && name.startsWith(".")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && file.getFileName().toString().equals("bundle.yaml")) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new RenderException("", "cannot list " + root + ": " + e.getMessage(), e);
    }
    files.sort(null);
    List<BundleSpec> out = new ArrayList<>();
    for (Path f : files) {
      String rel = base.relativize(f).toString().replace('\\', '/');
      String dir =
          f.getParent().equals(base)
              ? ""
              : base.relativize(f.getParent()).toString().replace('\\', '/');
      try {
        out.add(parser.parse(rel, dir, Files.readAllBytes(f)));
      } catch (IOException e) {
        throw new RenderException(rel, "cannot be read: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The bundle named {@code name}; an error lists the names there are, or the clashing files. */
  public BundleSpec named(Path root, String name) throws RenderException {
    List<BundleSpec> all = all(root);
    List<BundleSpec> matches = all.stream().filter(b -> b.name().equals(name)).toList();
    if (matches.isEmpty()) {
      throw new RenderException(
          "",
          "no bundle named '"
              + name
              + "' under "
              + root
              + " (bundles: "
              + String.join(", ", all.stream().map(BundleSpec::name).toList())
              + ")");
    }
    if (matches.size() > 1) {
      throw new RenderException(
          "",
          "bundle name '"
              + name
              + "' is used by several bundle.yaml files: "
              + String.join(", ", matches.stream().map(b -> b.path() + "/bundle.yaml").toList()));
    }
    return matches.get(0);
  }
}
