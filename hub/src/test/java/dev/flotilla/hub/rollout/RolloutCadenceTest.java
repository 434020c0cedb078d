package dev.flotilla.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RolloutCadenceTest {
  @Test
  void aSmallFleetIsPlannedEveryRoundAndRecountedEveryThirtySeconds() {
    Duration pass = Duration.ofMillis(40);
    assertThat(RolloutController.planEvery(false, pass)).isEqualTo(Duration.ofMillis(80));
    assertThat(RolloutController.planEvery(true, pass))
        .isEqualTo(RolloutController.FINISHED_RECOUNT);
  }

  @Test
  void aLargeFleetLeavesTheLoopMostOfItsTime() {
    Duration pass = Duration.ofSeconds(30);
    assertThat(RolloutController.planEvery(false, pass)).isEqualTo(Duration.ofMinutes(1));
    assertThat(RolloutController.planEvery(true, pass)).isEqualTo(Duration.ofMinutes(10));
  }
}
