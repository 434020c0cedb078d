package dev.flotilla.hub.ha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.model.ClusterId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalTest {
  @Test
  void everySignalSurvivesItsWireForm() {
    ClusterId c = ClusterId.random();
    for (Signal s :
        List.of(
            new Signal.DesiredChanged(c),
            new Signal.Redistribute(c),
            new Signal.Fetch("fleet"),
            new Signal.Everything())) {
      assertThat(Signal.decode(Signal.encode(s))).contains(s);
    }
  }

  @Test
  void unknownOrMalformedPayloadsAreIgnored() {
    assertThat(Signal.decode("z:whatever")).isEmpty();
    assertThat(Signal.decode("d:not a cluster id")).isEmpty();
    assertThat(Signal.decode("")).isEmpty();
  }

  @Test
  void channelsAreNamedAfterTheSchema() {
    assertThat(PostgresBus.channelFor("public")).isEqualTo("flotilla_public");
    assertThat(PostgresBus.channelFor("T_ab-c")).isEqualTo("flotilla_t_ab_c");
    assertThat(PostgresBus.channelFor("x".repeat(80))).hasSize(63);
  }
}
