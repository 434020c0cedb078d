package dev.flotilla.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  private final Labels pi = Labels.of("region", "eu-west", "model", "rpi4", "tier", "edge");

  @Test
  void parsesKubectlSelectorSyntax() {
    assertThat(LabelSelector.parse("region=eu-west,model in (rpi4, nuc),!canary,tier").matches(pi))
        .isTrue();
    assertThat(LabelSelector.parse("region!=eu-west").matches(pi)).isFalse();
    assertThat(LabelSelector.parse("model notin (rpi4)").matches(pi)).isFalse();
    assertThat(LabelSelector.parse("region==eu-west").matches(pi)).isTrue();
    assertThat(LabelSelector.parse("canary").matches(pi)).isFalse();
    assertThat(LabelSelector.parse("").matches(pi)).isTrue();
  }

  @Test
  void printsAFormThatParsesBack() {
    LabelSelector s = LabelSelector.parse("model in (nuc,rpi4),region=eu-west,!canary");
    assertThat(LabelSelector.parse(s.toString())).isEqualTo(s);
  }

  @Test
  void namesTheBadTerm() {
    assertThatThrownBy(() -> LabelSelector.parse("region=eu-west,model is rpi4"))
        .hasMessageContaining("expected =, ==, !=, in or notin after 'model'");
    assertThatThrownBy(() -> LabelSelector.parse("model in (rpi4"))
        .hasMessageContaining("label selector");
  }
}
