package dev.flotilla.render.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flotilla.render.bundle.BundleSpecException;
import dev.flotilla.render.bundle.BundleSpecParser;
import dev.flotilla.render.yaml.YamlLimits;
import dev.flotilla.render.yaml.YamlReader;

/**
 * Coverage-guided fuzzing of the {@code bundle.yaml} parser: any input either parses or is refused
 * with a {@link BundleSpecException} naming file and field; anything else is a finding.
 */
class BundleYamlFuzzTest {
  private static final BundleSpecParser BUNDLES =
      new BundleSpecParser(new YamlReader(new YamlLimits(64 * 1024, 50, 10, 100)));

  @FuzzTest(maxDuration = "10s")
  void bundleYaml(byte[] input) {
    try {
      BUNDLES.parse("fleet/x/bundle.yaml", "fleet/x", input);
    } catch (BundleSpecException expected) {
      // refused with file and field: fine
    }
  }
}
