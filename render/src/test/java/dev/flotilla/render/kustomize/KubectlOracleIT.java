package dev.flotilla.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Re-runs {@code kubectl kustomize} on every conformance case and checks the stored golden is still
 * what it prints (so goldens cannot drift from the oracle). Skipped where kubectl is absent.
 */
class KubectlOracleIT {
  static Stream<ConformanceCases.Case> cases() {
    return ConformanceCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goldenIsWhatKubectlPrintsToday(ConformanceCases.Case c) throws Exception {
    Assumptions.assumeTrue(kubectlOnPath(), "kubectl is not on PATH");
    Process p =
        new ProcessBuilder("kubectl", "kustomize", c.buildDir().toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out).isEqualTo(c.expected());
  }

  static boolean kubectlOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        return true;
      }
    }
    return false;
  }
}
