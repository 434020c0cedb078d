package dev.flotilla.render.helm;

import dev.flotilla.model.BundleSpec.HelmSpec;
import dev.flotilla.render.RenderException;
import dev.flotilla.render.kustomize.RepoFiles;
import dev.flotilla.render.yaml.ManifestParser;
import dev.flotilla.render.yaml.YamlException;
import dev.flotilla.render.yaml.YamlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code helm template} of a chart in the repository with its values files and inline values
 * (already substituted for the cluster). The chart and values files must lie inside the repository.
 * I/O: writes the inline values to a temporary file that is deleted afterwards.
 */
public final class HelmChartRenderer {
  private final ManifestParser yaml;

  public HelmChartRenderer(ManifestParser yaml) {
    this.yaml = yaml;
  }

  public List<Map<String, Object>> render(
      RepoFiles files,
      Path bundleDir,
      String bundleFile,
      HelmSpec spec,
      String releaseName,
      String namespace,
      Map<String, Object> values)
      throws RenderException {
    Path chart = files.resolve(bundleDir, spec.chart(), bundleFile, "render.helm.chart");
    if (!files.isFile(chart.resolve("Chart.yaml"))) {
      throw new RenderException(
          bundleFile, "field 'render.helm.chart': " + files.rel(chart) + " has no Chart.yaml");
    }
    List<Path> valuesFiles = new ArrayList<>();
    for (int i = 0; i < spec.valuesFiles().size(); i++) {
      Path p =
          files.resolve(
              bundleDir,
              spec.valuesFiles().get(i),
              bundleFile,
              "render.helm.valuesFiles[" + i + "]");
      files.read(p);
      valuesFiles.add(p);
    }
    Path inline = null;
    try {
      String out;
      try {
        var cmd = new com.marcnuri.helm.Helm(chart).template().withName(releaseName);
        if (!namespace.isEmpty()) {
          cmd = cmd.withNamespace(namespace);
        }
        for (Path p : valuesFiles) {
          cmd = cmd.withValuesFile(p);
        }
        if (!values.isEmpty()) {
          inline = Files.createTempFile("flotilla-values-", ".yaml");
          Files.writeString(inline, YamlWriter.document(values), StandardCharsets.UTF_8);
          cmd = cmd.withValuesFile(inline);
        }
        out = cmd.call();
      } catch (LinkageError e) {
        throw unavailable(bundleFile, e);
      } catch (IllegalStateException e) {
        if (String.valueOf(e.getMessage()).contains("native")) {
          throw unavailable(bundleFile, e);
        }
        throw new RenderException(files.rel(chart), "helm template failed: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new RenderException(files.rel(chart), "helm template failed: " + e.getMessage(), e);
      }
      List<Map<String, Object>> objects = new ArrayList<>();
      for (Object doc :
          yaml.documents(
              files.rel(chart) + " (helm template output)", out.getBytes(StandardCharsets.UTF_8))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = doc instanceof Map<?, ?> ? (Map<String, Object>) doc : null;
        if (m == null) {
          throw new RenderException(
              files.rel(chart), "helm template produced a non-object document");
        }
        objects.add(m);
      }
      return objects;
    } catch (IOException e) {
      throw new RenderException(bundleFile, "cannot write Helm values: " + e.getMessage(), e);
    } catch (YamlException e) {
      throw new RenderException(files.rel(chart), e.getMessage(), e);
    } finally {
      if (inline != null) {
        try {
          Files.deleteIfExists(inline);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  private static RenderException unavailable(String bundleFile, Throwable e) {
    return new RenderException(
        bundleFile,
        "field 'render.helm': Helm is not available in this build of Flotilla on "
            + System.getProperty("os.name")
            + "/"
            + System.getProperty("os.arch")
            + " (helm-java ships its native library for linux-amd64 here): "
            + e,
        e);
  }
}
