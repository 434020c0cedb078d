package dev.flotilla.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Digest;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRenderingTest {
  @TempDir Path dir;
  RepoFixture repo;
  final KustomizeBundleRenderer renderer = KustomizeBundleRenderer.withDefaults();

  @BeforeEach
  void writeRepo() {
    repo = new RepoFixture(dir);
    repo.file(
            "apps/agent/bundle.yaml",
            """
            namespace: telemetry
            render:
              kustomize: base
            overlays:
            - overlays/region/${region}
            - overlays/model/${label:model}
            targets:
            - selector: {matchLabels: {tier: edge}}
            """)
        .file("apps/agent/base/kustomization.yaml", "resources:\n- cm.yaml\n")
        .file(
            "apps/agent/base/cm.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: agent
            data:
              cluster: ${cluster.name}
              id: ${cluster.id}
              site: ${label:site}
              literal: $${cluster.name}
              script: echo ${HOME}
            """)
        .file(
            "apps/agent/overlays/region/eu-west/kustomization.yaml",
            """
            kind: Component
            patches:
            - patch: |-
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: agent}
                data: {region: eu-west}
            """)
        .file(
            "apps/agent/overlays/model/rpi4/kustomization.yaml",
            """
            kind: Component
            patches:
            - patch: |-
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: agent}
                data: {model: rpi4, region: overridden-by-model}
            """);
  }

  BundleSpec spec() throws Exception {
    return new BundleSpecParser(YamlReader.withDefaults())
        .parse(
            "apps/agent/bundle.yaml",
            "apps/agent",
            Files.readAllBytes(repo.path("apps/agent/bundle.yaml")));
  }

  ManifestSet render(String labels) throws Exception {
    return renderer.render(
        new RenderRequest(
            dir,
            new Revision("abc123"),
            spec(),
            new ClusterVars("edge-1", new ClusterId("c-1"), Labels.parse(labels))));
  }

  @Test
  void layersOverlaysChosenByLabelsInOrder() throws Exception {
    String yaml = render("region=eu-west,model=rpi4,site=s1").yaml();
    assertThat(yaml).contains("region: overridden-by-model").contains("model: rpi4");
  }

  @Test
  void skipsOverlaysWhoseDirectoryIsMissingOrWhoseLabelIsAbsent() throws Exception {
    String yaml = render("region=us-east,site=s1").yaml();
    assertThat(yaml).doesNotContain("region:").doesNotContain("model:");
  }

  @Test
  void substitutesClusterVariablesAndKeepsEscapesAndForeignVariables() throws Exception {
    String yaml = render("region=eu-west,site=s7").yaml();
    assertThat(yaml)
        .contains("cluster: edge-1")
        .contains("id: c-1")
        .contains("site: s7")
        .contains("literal: ${cluster.name}")
        .contains("script: echo ${HOME}");
  }

  @Test
  void givesNamespacedObjectsTheBundleNamespace() throws Exception {
    assertThat(render("site=s1").yaml()).contains("namespace: telemetry");
  }

  @Test
  void digestIsTheSha256OfTheYaml() throws Exception {
    ManifestSet set = render("site=s1");
    assertThat(set.digest()).isEqualTo(Digest.of(set.yaml()));
  }

  @Test
  void anUnresolvedVariableNamesTheObjectAndField() {
    assertThatThrownBy(() -> render("region=eu-west"))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("apps/agent/bundle.yaml")
        .hasMessageContaining("ConfigMap/agent")
        .hasMessageContaining("data.site")
        .hasMessageContaining("${label:site}");
  }

  @Test
  void anOverlayThatIsNotAComponentIsAnError() {
    repo.file("apps/agent/overlays/region/bad/kustomization.yaml", "resources: []\n");
    assertThatThrownBy(() -> render("region=bad,site=s1"))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("overlays/region/bad/kustomization.yaml")
        .hasMessageContaining("kind: Component");
  }

  @Test
  void aDirectoryWithoutKustomizationIsItsYamlFiles() throws Exception {
    repo.file(
            "apps/plain/bundle.yaml",
            "namespace: plain\ntargets:\n- selector: {matchLabels: {tier: edge}}\n")
        .file(
            "apps/plain/b.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata: {k: v}\n")
        .file("apps/plain/a.yml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n")
        .file("apps/plain/overlays/x/kustomization.yaml", "kind: Component\n");
    BundleSpec plain =
        new BundleSpecParser(YamlReader.withDefaults())
            .parse(
                "apps/plain/bundle.yaml",
                "apps/plain",
                Files.readAllBytes(repo.path("apps/plain/bundle.yaml")));
    ManifestSet set =
        renderer.render(
            new RenderRequest(
                dir,
                new Revision("abc123"),
                plain,
                new ClusterVars("edge-1", new ClusterId("c-1"), Labels.parse("tier=edge"))));
    assertThat(set.objects())
        .extracting(o -> o.kind() + "/" + o.name())
        .containsExactlyInAnyOrder("ServiceAccount/a", "ConfigMap/b");
    assertThat(set.yaml()).contains("namespace: plain").doesNotContain("bundle.yaml");
  }
}
