package dev.flotilla.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.render.yaml.YamlLimits;
import dev.flotilla.render.yaml.YamlWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KustomizeConformanceTest {
  private final Kustomizer kustomizer = new Kustomizer(YamlLimits.DEFAULT);

  static Stream<ConformanceCases.Case> cases() {
    return ConformanceCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void printsExactlyWhatKubectlKustomizePrints(ConformanceCases.Case c) throws Exception {
    String actual = YamlWriter.documents(kustomizer.build(c.root(), c.buildDir()));
    assertThat(actual).isEqualTo(c.expected());
  }

  @Test
  void theSuiteHasAtLeastSixtyCases() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(60);
  }
}
