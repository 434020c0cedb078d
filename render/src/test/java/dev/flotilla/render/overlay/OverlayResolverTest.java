package dev.flotilla.render.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.Labels;
import org.junit.jupiter.api.Test;

class OverlayResolverTest {
  private final Labels labels = Labels.of("region", "eu-west", "topology.kubernetes.io/zone", "z1");

  @Test
  void fillsBareAndLabelVariables() {
    assertThat(
            OverlayResolver.resolve("o/${region}/${label:topology.kubernetes.io/zone}", labels)
                .dir())
        .isEqualTo("o/eu-west/z1");
  }

  @Test
  void aMissingLabelSkipsTheOverlay() {
    OverlayResolver.Resolved r = OverlayResolver.resolve("o/${model}", labels);
    assertThat(r.chosen()).isFalse();
    assertThat(r.missingLabel()).isEqualTo("model");
  }

  @Test
  void aTemplateWithoutVariablesIsAlwaysChosen() {
    assertThat(OverlayResolver.resolve("o/common", Labels.EMPTY).dir()).isEqualTo("o/common");
  }
}
