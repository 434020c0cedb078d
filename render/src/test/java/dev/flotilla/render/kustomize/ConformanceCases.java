package dev.flotilla.render.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance suite under {@code src/test/resources/kustomize}: one directory per case, its
 * {@code expected.yaml} written by {@code kubectl kustomize} (see {@code regenerate.sh}).
 */
final class ConformanceCases {
  static final Path ROOT = Path.of("src/test/resources/kustomize");

  private ConformanceCases() {}

  /** A case: its repository root and the directory to build (itself, or its BUILD_DIR). */
  record Case(String name, Path root, Path buildDir) {
    String expected() throws IOException {
      return Files.readString(root.resolve("expected.yaml"));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> all() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      List<Case> cases =
          dirs.filter(Files::isDirectory)
              .sorted()
              .map(
                  d -> {
                    Path build = d;
                    Path marker = d.resolve("BUILD_DIR");
                    if (Files.exists(marker)) {
                      try {
                        build = d.resolve(Files.readString(marker).strip());
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }
                    return new Case(d.getFileName().toString(), d, build);
                  })
              .toList();
      return cases.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
