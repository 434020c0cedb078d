package dev.flotilla.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The truth tables of the selector operators against a cluster labelled {@code region=eu}, {@code
 * canary=""} and no {@code model}: a present key with a value in or out of the set, a present key
 * with the empty value, and an absent key.
 */
class LabelSelectorTruthTableTest {
  private static final Labels CLUSTER = Labels.of("region", "eu", "canary", "");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // In: key present and value in the set
        "region in (eu,us)      | true",
        "region in (us,ap)      | false",
        "model in (rpi4)        | false",
        "canary in (,x)         | true",
        "region=eu              | true",
        "region==eu             | true",
        "region=us              | false",
        "model=rpi4             | false",
        "canary=                | true",
        // NotIn: key absent, or value not in the set
        "region notin (us,ap)   | true",
        "region notin (eu)      | false",
        "model notin (rpi4)     | true",
        "region!=us             | true",
        "region!=eu             | false",
        "model!=rpi4            | true",
        "canary!=               | false",
        // Exists / DoesNotExist
        "region                 | true",
        "canary                 | true",
        "model                  | false",
        "!region                | false",
        "!canary                | false",
        "!model                 | true",
        // conjunction
        "region=eu,!model       | true",
        "region=eu,model        | false",
        "region in (eu), canary | true"
      })
  void operatorsFollowKubernetesSemantics(String selector, boolean matches) {
    assertThat(LabelSelector.parse(selector).matches(CLUSTER)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "region in eu",
        "region in (eu",
        "region notin ()",
        "region ~ eu",
        "=eu",
        "region=eu,",
        "Bad Key=x",
        "region=not valid!"
      })
  void malformedSelectorsAreRefusedWithTheText(String selector) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selector");
  }
}
