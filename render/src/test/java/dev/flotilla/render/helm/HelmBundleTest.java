package dev.flotilla.render.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.ClusterVars;
import dev.flotilla.render.KustomizeBundleRenderer;
import dev.flotilla.render.ManifestSet;
import dev.flotilla.render.RenderRequest;
import dev.flotilla.render.RepoFixture;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a chart from the repository through Helm (helm-java's native library). */
class HelmBundleTest {
  @TempDir Path dir;

  @Test
  void rendersAChartWithValuesFilesAndPerClusterInlineValues() throws Exception {
    new RepoFixture(dir)
        .file(
            "b/bundle.yaml",
            """
            namespace: edge
            render:
              helm:
                chart: chart
                releaseName: agent
                valuesFiles: [values-prod.yaml]
                values:
                  site: ${label:site}
            """)
        .file("b/chart/Chart.yaml", "apiVersion: v2\nname: agent\nversion: 0.1.0\n")
        .file("b/chart/values.yaml", "replicas: 1\nsite: none\n")
        .file("b/values-prod.yaml", "replicas: 3\n")
        .file(
            "b/chart/templates/cm.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
            data:
              replicas: {{ .Values.replicas | quote }}
              site: {{ .Values.site | quote }}
              namespace: {{ .Release.Namespace }}
            """);
    BundleSpec spec =
        new BundleSpecParser(YamlReader.withDefaults())
            .parse("b/bundle.yaml", "b", Files.readAllBytes(dir.resolve("b/bundle.yaml")));
    ManifestSet set =
        KustomizeBundleRenderer.withDefaults()
            .render(
                new RenderRequest(
                    dir,
                    new Revision("r"),
                    spec,
                    new ClusterVars("c", new ClusterId("c"), Labels.of("site", "s9"))));
    assertThat(set.yaml())
        .contains("name: agent-config")
        .contains("replicas: \"3\"")
        .contains("site: s9")
        .contains("namespace: edge");
  }
}
