package dev.flotilla.hub.bundle;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.render.bundle.BundleSpecException;
import dev.flotilla.render.bundle.BundleSpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds and parses every {@code bundle.yaml} under a directory of an exported tree. Two bundles
 * with one name are both invalid: neither silently wins.
 */
public final class BundleScanner {
  private static final int MAX_DEPTH = 12;
  private final BundleSpecParser parser;

  public BundleScanner(BundleSpecParser parser) {
    this.parser = parser;
  }

  /**
   * @param tree the exported repository tree
   * @param under the source path inside it ({@code ""} for all)
   */
  public List<ScannedBundle> scan(Path tree, String under) throws IOException {
    Path start = under.isEmpty() ? tree : tree.resolve(under);
    if (!Files.isDirectory(start)) {
      throw new IOException("the source path '" + under + "' is not a directory in this revision");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(start, MAX_DEPTH)) {
      files =
          s.filter(p -> p.getFileName().toString().equals("bundle.yaml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    List<ScannedBundle> out = new ArrayList<>();
    for (Path file : files) {
      String dir = relative(tree, file.getParent());
      String rel = relative(tree, file);
      String dirName = file.getParent().getFileName().toString();
      try {
        byte[] bytes = Files.readAllBytes(file);
        BundleSpec spec = parser.parse(rel, dir, bytes);
        out.add(new ScannedBundle.Valid(dir, spec, new String(bytes, StandardCharsets.UTF_8)));
      } catch (BundleSpecException e) {
        out.add(new ScannedBundle.Invalid(dir, dirName, e.getMessage()));
      }
    }
    return rejectDuplicates(out);
  }

  private static List<ScannedBundle> rejectDuplicates(List<ScannedBundle> scanned) {
    Map<String, List<String>> pathsByName = new HashMap<>();
    for (ScannedBundle b : scanned) {
      if (b instanceof ScannedBundle.Valid v) {
        pathsByName.computeIfAbsent(v.spec().name(), k -> new ArrayList<>()).add(v.path());
      }
    }
    List<ScannedBundle> out = new ArrayList<>();
    for (ScannedBundle b : scanned) {
      if (b instanceof ScannedBundle.Valid v && pathsByName.get(v.spec().name()).size() > 1) {
        out.add(
            new ScannedBundle.Invalid(
                v.path(),
                v.spec().name(),
                v.path()
                    + "/bundle.yaml: field 'name': bundle name '"
                    + v.spec().name()
                    + "' is used by several directories: "
                    + String.join(", ", pathsByName.get(v.spec().name()))));
      } else {
        out.add(b);
      }
    }
    return out;
  }

  private static String relative(Path root, Path p) {
    String r = root.relativize(p).toString().replace('\\', '/');
    return r.isEmpty() ? "." : r;
  }
}
