package dev.flotilla.cli;

import dev.flotilla.model.Admission;
import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.ClusterVars;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.ManifestSet;
import dev.flotilla.render.RenderRequest;
import dev.flotilla.render.bundle.BundleFinder;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla render --repo DIR --bundle NAME --labels k=v}: offline preview. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Preview, offline, what a cluster with the given labels would get from a bundle: the"
          + " manifests the agent would apply, byte for byte (their sha256 is the blob digest).",
      "Notes on targeting and admission go to stderr; the manifests go to stdout."
    })
final class RenderCommand implements Callable<Integer> {
  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR",
      description = "repository checkout")
  Path repo;

  @Option(names = "--bundle", required = true, paramLabel = "NAME", description = "bundle name")
  String bundle;

  @Option(names = "--labels", paramLabel = "k=v,...", description = "the cluster's labels")
  String labels = "";

  @Option(names = "--name", paramLabel = "CLUSTER", description = "cluster name (${cluster.name})")
  String name = "preview";

  @Option(names = "--id", paramLabel = "ID", description = "cluster id (${cluster.id})")
  String id = "preview";

  @Option(
      names = "--facts",
      paramLabel = "k=v,...",
      description =
          "facts to check `requires` against: arch, memoryMiB, distro, kubernetesVersion,"
              + " runtimeClasses (separated by ';')")
  String facts;

  @Option(names = "--revision", paramLabel = "REV", description = "revision to record")
  String revision = "working-tree";

  @Override
  public Integer call() throws Exception {
    Labels l;
    try {
      l = Labels.parse(labels);
    } catch (IllegalArgumentException e) {
      throw new ErrorHandler.UsageError("--labels: " + e.getMessage());
    }
    BundleSpec spec =
        new BundleFinder(new BundleSpecParser(YamlReader.withDefaults())).named(repo, bundle);
    if (spec.firstMatchingTarget(l).isEmpty()) {
      System.err.println(
          "note: bundle " + spec.name() + " does not target a cluster with labels {" + l + "}");
    }
    if (facts != null) {
      Admission a = spec.requires().check(parseFacts(facts));
      if (a instanceof Admission.NotAdmitted n) {
        System.err.println("note: such a cluster is " + n.message());
      }
    }
    ManifestSet set =
        KustomizeBundleRenderer.withDefaults()
            .render(
                new RenderRequest(
                    repo,
                    new Revision(revision),
                    spec,
                    new ClusterVars(name, new ClusterId(id), l)));
    System.out.write(set.yaml().getBytes(StandardCharsets.UTF_8));
    System.out.flush();
    return 0;
  }

  static Facts parseFacts(String text) {
    String arch = "";
    long memory = 0;
    String distro = "";
    String version = "";
    List<String> runtimeClasses = List.of();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new ErrorHandler.UsageError("--facts: expected key=value, got '" + p + "'");
      }
      String k = p.substring(0, eq);
      String v = p.substring(eq + 1);
      switch (k) {
        case "arch" -> arch = v;
        case "memoryMiB" -> {
          try {
            memory = Long.parseLong(v);
          } catch (NumberFormatException e) {
            throw new ErrorHandler.UsageError(
                "--facts: memoryMiB must be a number, got '" + v + "'");
          }
        }
        case "distro" -> distro = v;
        case "kubernetesVersion" -> version = v;
        case "runtimeClasses" -> runtimeClasses = Arrays.asList(v.split(";"));
        default ->
            throw new ErrorHandler.UsageError(
                "--facts: unknown fact '"
                    + k
                    + "' (known: arch, memoryMiB, distro, kubernetesVersion, runtimeClasses)");
      }
    }
    return new Facts(arch, memory, version, distro, runtimeClasses, 1, "");
  }
}
