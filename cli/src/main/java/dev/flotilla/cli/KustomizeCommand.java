package dev.flotilla.cli;

import dev.flotilla.render.kustomize.Kustomizer;
import dev.flotilla.render.yaml.YamlLimits;
import dev.flotilla.render.yaml.YamlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla kustomize DIR}: the same output as {@code kubectl kustomize DIR}. */
@Command(
    name = "kustomize",
    mixinStandardHelpOptions = true,
    description = {
      "Build a kustomization directory, printing exactly what `kubectl kustomize DIR` prints.",
      "Files are read only inside the root (default: the enclosing Git repository of DIR, else"
          + " the current directory if DIR is below it, else DIR itself)."
    })
final class KustomizeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "the kustomization directory")
  Path dir;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "no file outside this directory may be read")
  Path root;

  @Override
  public Integer call() throws Exception {
    Path d = dir.toAbsolutePath().normalize();
    Path r = root != null ? root.toAbsolutePath().normalize() : defaultRoot(d);
    if (!d.startsWith(r)) {
      throw new ErrorHandler.UsageError(dir + " is not inside the root " + r);
    }
    String yaml = YamlWriter.documents(new Kustomizer(YamlLimits.DEFAULT).build(r, d));
    System.out.write(yaml.getBytes(StandardCharsets.UTF_8));
    System.out.flush();
    return 0;
  }

  static Path defaultRoot(Path dir) throws IOException {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    return dir.startsWith(cwd) ? cwd : dir;
  }
}
