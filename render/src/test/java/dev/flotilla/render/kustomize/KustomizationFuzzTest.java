package dev.flotilla.render.kustomize;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flotilla.render.RenderException;
import dev.flotilla.render.yaml.ManifestParser;
import dev.flotilla.render.yaml.YamlException;
import dev.flotilla.render.yaml.YamlLimits;

/**
 * Coverage-guided fuzzing of kustomization parsing: a hostile repository's kustomization.yaml
 * either parses or is refused with a {@link RenderException} (or {@link YamlException}) naming the
 * file.
 */
class KustomizationFuzzTest {
  private static final KustomizationParser PARSER =
      new KustomizationParser(new ManifestParser(new YamlLimits(64 * 1024, 50, 10, 100), true));

  @FuzzTest(maxDuration = "10s")
  void kustomization(byte[] input) {
    try {
      PARSER.parse("base/kustomization.yaml", input);
    } catch (RenderException | YamlException expected) {
      // refused with the file named: fine
    }
  }
}
