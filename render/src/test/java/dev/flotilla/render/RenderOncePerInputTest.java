package dev.flotilla.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.BundleSpec;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Labels;
import dev.flotilla.model.Revision;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 10,000 clusters sharing 12 distinct inputs cost 12 renders. */
class RenderOncePerInputTest {
  static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
  static final List<String> MODELS = List.of("rpi4", "rpi5", "nuc", "jetson");

  @TempDir Path dir;
  BundleSpec spec;

  @BeforeEach
  void writeRepo() throws Exception {
    RepoFixture repo = new RepoFixture(dir);
    repo.file(
            "b/bundle.yaml",
            "render: {kustomize: base}\noverlays:\n- region/${region}\n- model/${model}\n")
        .file("b/base/kustomization.yaml", "resources: [cm.yaml]\n")
        .file("b/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    for (String r : REGIONS) {
      repo.file("b/region/" + r + "/kustomization.yaml", component("region", r));
    }
    for (String m : MODELS) {
      repo.file("b/model/" + m + "/kustomization.yaml", component("model", m));
    }
    spec =
        new BundleSpecParser(YamlReader.withDefaults())
            .parse("b/bundle.yaml", "b", Files.readAllBytes(dir.resolve("b/bundle.yaml")));
  }

  static String component(String key, String value) {
    return "kind: Component\ncommonLabels: {" + key + ": " + value + "}\n";
  }

  @Test
  void tenThousandClustersWithTwelveDistinctInputsCostTwelveRenders() throws Exception {
    KustomizeBundleRenderer renderer = KustomizeBundleRenderer.withDefaults();
    Random random = new Random(42);
    Set<String> digests = new HashSet<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ManifestSet>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        Labels labels =
            Labels.of(
                "region", REGIONS.get(random.nextInt(REGIONS.size())),
                "model", MODELS.get(random.nextInt(MODELS.size())),
                "serial", "s" + i);
        RenderRequest req =
            new RenderRequest(
                dir,
                new Revision("r1"),
                spec,
                new ClusterVars("c" + i, new ClusterId("c" + i), labels));
        results.add(pool.submit(() -> renderer.render(req)));
      }
      for (Future<ManifestSet> f : results) {
        digests.add(f.get().digest().hex());
      }
    } finally {
      pool.shutdown();
    }
    assertThat(digests).hasSize(12);
    assertThat(renderer.stats().baseRenders()).isEqualTo(12);
    assertThat(renderer.stats().substitutions()).isEqualTo(12);
    assertThat(renderer.stats().baseHits() + renderer.stats().baseRenders()).isEqualTo(10_000);
  }

  @Test
  void substitutionRendersOncePerDistinctReferencedValue() throws Exception {
    new RepoFixture(dir)
        .file(
            "b/base/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {site: \"${label:site}\"}\n");
    KustomizeBundleRenderer renderer = KustomizeBundleRenderer.withDefaults();
    for (int i = 0; i < 1000; i++) {
      Labels labels = Labels.of("region", "eu-west", "model", "nuc", "site", "s" + (i % 5));
      renderer.render(
          new RenderRequest(
              dir,
              new Revision("r1"),
              spec,
              new ClusterVars("c" + i, new ClusterId("c" + i), labels)));
    }
    assertThat(renderer.stats().baseRenders()).isEqualTo(1);
    assertThat(renderer.stats().substitutions()).isEqualTo(5);
  }

  @Test
  void aNewRevisionRendersAgain() throws Exception {
    KustomizeBundleRenderer renderer = KustomizeBundleRenderer.withDefaults();
    Labels labels = Labels.of("region", "eu-west", "model", "nuc");
    for (String rev : List.of("r1", "r1", "r2")) {
      renderer.render(
          new RenderRequest(
              dir, new Revision(rev), spec, new ClusterVars("c", new ClusterId("c"), labels)));
    }
    assertThat(renderer.stats().baseRenders()).isEqualTo(2);
  }
}
