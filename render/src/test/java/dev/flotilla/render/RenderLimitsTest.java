package dev.flotilla.render;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.bundle.BundleSpecException;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlLimits;
import dev.flotilla.render.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderLimitsTest {
  @TempDir Path dir;

  @Test
  void refusesOutputsOverTheSizeLimit() throws Exception {
    RepoFixture repo = new RepoFixture(dir);
    StringBuilder objs = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      objs.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c")
          .append(i)
          .append("}\ndata: {x: \"")
          .append("y".repeat(100))
          .append("\"}\n");
    }
    repo.file("b/kustomization.yaml", "resources: [objs.yaml]\n")
        .file("b/objs.yaml", objs.toString());
    BundleSpec spec =
        new BundleSpecParser(YamlReader.withDefaults())
            .parse("b/bundle.yaml", "b", "name: b\n".getBytes(StandardCharsets.UTF_8));
    KustomizeBundleRenderer renderer =
        new KustomizeBundleRenderer(new RenderLimits(YamlLimits.DEFAULT, 2048, 16));
    assertThatThrownBy(
            () ->
                renderer.render(
                    new RenderRequest(
                        dir,
                        new Revision("r"),
                        spec,
                        new ClusterVars("c", new ClusterId("c"), Labels.EMPTY))))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("b/bundle.yaml")
        .hasMessageContaining("over the limit of 2048 bytes");
  }

  @Test
  void bundleYamlErrorsNameTheField() {
    BundleSpecParser parser = new BundleSpecParser(YamlReader.withDefaults());
    assertThatThrownBy(
            () ->
                parser.parse(
                    "x/bundle.yaml", "x", "overlays:\n- /etc\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleSpecException.class)
        .hasMessageContaining("x/bundle.yaml")
        .hasMessageContaining("overlays[0]");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "x/bundle.yaml",
                    "x",
                    "render: {kustomize: base, helmm: {}}\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleSpecException.class)
        .hasMessageContaining("render.helmm");
  }

  @Test
  void anOverlayTemplateLeavingTheRepositoryIsRefused() throws Exception {
    RepoFixture repo = new RepoFixture(dir);
    repo.file("b/kustomization.yaml", "resources: []\n");
    BundleSpec spec =
        new BundleSpecParser(YamlReader.withDefaults())
            .parse(
                "b/bundle.yaml",
                "b",
                "overlays:\n- ../../${region}\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                KustomizeBundleRenderer.withDefaults()
                    .render(
                        new RenderRequest(
                            dir,
                            new Revision("r"),
                            spec,
                            new ClusterVars("c", new ClusterId("c"), Labels.of("region", "x")))))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("overlays[0]")
        .hasMessageContaining("leaves the repository root");
  }
}
