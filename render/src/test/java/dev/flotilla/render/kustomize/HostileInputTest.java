package dev.flotilla.render.kustomize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.render.RenderException;
import dev.flotilla.render.RepoFixture;
import dev.flotilla.render.yaml.YamlLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile repository fails with a clear error that names the file at fault. */
class HostileInputTest {
  @TempDir Path dir;

  private void buildFails(Path repoRoot, String build, String... messageParts) {
    buildFails(new Kustomizer(YamlLimits.DEFAULT), repoRoot, build, messageParts);
  }

  private void buildFails(Kustomizer k, Path repoRoot, String build, String... messageParts) {
    var assertion =
        assertThatThrownBy(() -> k.build(repoRoot, repoRoot.resolve(build)))
            .isInstanceOf(RenderException.class);
    for (String part : messageParts) {
      assertion.hasMessageContaining(part);
    }
  }

  @Test
  void refusesDotDotPathsLeavingTheRepository() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(
        dir.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");
    new RepoFixture(repo).file("app/kustomization.yaml", "resources:\n- ../../secret.yaml\n");
    buildFails(repo, "app", "app/kustomization.yaml", "resources[0]", "leaves the repository root");
  }

  @Test
  void refusesAbsolutePaths() {
    new RepoFixture(dir).file("app/kustomization.yaml", "resources:\n- /etc/passwd\n");
    buildFails(dir, "app", "app/kustomization.yaml", "absolute path");
  }

  @Test
  void refusesSymlinksPointingOutside() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path outside =
        Files.writeString(
            dir.resolve("outside.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    new RepoFixture(repo).file("app/kustomization.yaml", "resources:\n- link.yaml\n");
    Files.createSymbolicLink(repo.resolve("app/link.yaml"), outside);
    buildFails(repo, "app", "app/kustomization.yaml", "symlink", "outside the repository");
  }

  @Test
  void refusesRemoteResources() {
    new RepoFixture(dir)
        .file(
            "app/kustomization.yaml",
            "resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld\n");
    buildFails(dir, "app", "app/kustomization.yaml", "remote resource", "not supported");
  }

  @Test
  void refusesCycles() {
    new RepoFixture(dir)
        .file("a/kustomization.yaml", "resources:\n- ../b\n")
        .file("b/kustomization.yaml", "resources:\n- ../a\n");
    buildFails(dir, "a", "cycle", "a -> b");
  }

  @Test
  void namesMissingFiles() {
    new RepoFixture(dir).file("app/kustomization.yaml", "resources:\n- nowhere.yaml\n");
    buildFails(
        dir, "app", "app/kustomization.yaml", "resources[0]", "'nowhere.yaml' does not exist");
  }

  @Test
  void namesAMissingKustomization() {
    new RepoFixture(dir).file("app/readme.txt", "nothing here\n");
    buildFails(dir, "app", "app", "has no kustomization.yaml");
  }

  @Test
  void stopsYamlAliasBombs() {
    StringBuilder bomb =
        new StringBuilder(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    new RepoFixture(dir)
        .file("app/kustomization.yaml", "resources: [bomb.yaml]\n")
        .file("app/bomb.yaml", bomb.toString());
    buildFails(dir, "app", "app/bomb.yaml", "aliases");
  }

  @Test
  void refusesFilesOverTheSizeLimit() {
    new RepoFixture(dir)
        .file("app/kustomization.yaml", "resources: [big.yaml]\n")
        .file(
            "app/big.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {x: \""
                + "x".repeat(5000)
                + "\"}\n");
    buildFails(
        new Kustomizer(new YamlLimits(4096, 100, 50, 100)),
        dir,
        "app",
        "app/big.yaml",
        "over the limit of 4096 bytes");
  }

  @Test
  void namesMalformedYaml() {
    new RepoFixture(dir)
        .file("app/kustomization.yaml", "resources: [bad.yaml]\n")
        .file("app/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
    buildFails(dir, "app", "app/bad.yaml", "not valid YAML");
  }

  @Test
  void refusesDuplicateObjectIds() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: same}\n";
    new RepoFixture(dir)
        .file("app/kustomization.yaml", "resources: [a.yaml, b.yaml]\n")
        .file("app/a.yaml", cm)
        .file("app/b.yaml", cm);
    buildFails(dir, "app", "app/b.yaml", "already registered id", "app/a.yaml");
  }

  @Test
  void refusesUnsupportedKustomizationFieldsByName() {
    new RepoFixture(dir).file("app/kustomization.yaml", "vars:\n- name: X\n");
    buildFails(dir, "app", "app/kustomization.yaml", "field 'vars'", "not supported");
  }

  @Test
  void refusesUnknownKustomizationFields() {
    new RepoFixture(dir).file("app/kustomization.yaml", "resourcez: []\n");
    buildFails(dir, "app", "app/kustomization.yaml", "field 'resourcez'", "unknown");
  }

  @Test
  void refusesNonStringLabelValuesAsKustomizeDoes() {
    new RepoFixture(dir).file("app/kustomization.yaml", "commonLabels:\n  enabled: yes\n");
    buildFails(dir, "app", "app/kustomization.yaml", "commonLabels.enabled", "must be a string");
  }

  @Test
  void envFilesNeverReadTheProcessEnvironment() {
    new RepoFixture(dir)
        .file("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  envs: [x.env]\n")
        .file("app/x.env", "PATH\n");
    buildFails(dir, "app", "app/x.env", "line 1", "KEY=VALUE");
  }

  @Test
  void aPatchForAMissingObjectNamesThePatch() {
    new RepoFixture(dir)
        .file("app/kustomization.yaml", "resources: []\npatches:\n- path: p.yaml\n")
        .file("app/p.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ghost}\n");
    buildFails(dir, "app", "app/p.yaml", "no object matches");
  }
}
