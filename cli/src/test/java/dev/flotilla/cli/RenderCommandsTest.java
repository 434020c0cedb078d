package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandsTest {
  @TempDir Path repo;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() throws Exception {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    write(
        "apps/agent/bundle.yaml",
        "namespace: telemetry\nrender: {kustomize: base}\noverlays:\n- overlays/${region}\ntargets:\n- selector: {matchLabels: {tier: edge}}\n");
    write("apps/agent/base/kustomization.yaml", "resources: [cm.yaml]\n");
    write(
        "apps/agent/base/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: agent}\ndata: {cluster: \"${cluster.name}\"}\n");
    write(
        "apps/agent/overlays/eu/kustomization.yaml",
        "kind: Component\ncommonLabels: {region: eu}\n");
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private void write(String path, String content) throws Exception {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void renderPrintsWhatAClusterWithTheseLabelsGets() {
    int code =
        Main.run(
            "render",
            "--repo",
            repo.toString(),
            "--bundle",
            "agent",
            "--labels",
            "tier=edge,region=eu",
            "--name",
            "pi-1");
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
            apiVersion: v1
            data:
              cluster: pi-1
            kind: ConfigMap
            metadata:
              labels:
                region: eu
              name: agent
              namespace: telemetry
            """);
  }

  @Test
  void renderNamesAnUnknownBundleAndExitsOne() {
    int code = Main.run("render", "--repo", repo.toString(), "--bundle", "nope");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no bundle named 'nope'")
        .contains("agent");
  }

  @Test
  void kustomizePrintsTheBuild() {
    int code =
        Main.run(
            "kustomize", repo.resolve("apps/agent/base").toString(), "--root", repo.toString());
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("apiVersion: v1\ndata:\n  cluster: ${cluster.name}\n");
  }

  @Test
  void kustomizeErrorsNameTheFile() throws Exception {
    write("bad/kustomization.yaml", "resources: [missing.yaml]\n");
    int code = Main.run("kustomize", repo.resolve("bad").toString(), "--root", repo.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bad/kustomization.yaml")
        .contains("'missing.yaml' does not exist");
  }
}
