package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultModelTest {
  private final FaultModel faults =
      new FaultModel(0.1, 0.2, Duration.ofSeconds(60), 100, Duration.ofSeconds(10), 3);

  @Test
  void keepsTheAskedFractionOfClustersOffline() {
    int offline = 0;
    for (int i = 0; i < 20_000; i++) {
      offline += faults.offline(i) ? 1 : 0;
    }
    assertThat(offline / 20_000.0).isBetween(0.09, 0.11);
    assertThat(faults.offline(17)).isEqualTo(faults.offline(17));
  }

  @Test
  void flapsTheAskedShareOfCheckIns() {
    int down = 0;
    for (int attempt = 0; attempt < 10_000; attempt++) {
      down += faults.linkDown(5, attempt) ? 1 : 0;
    }
    assertThat(down / 10_000.0).isBetween(0.18, 0.22);
    assertThat(FaultModel.none().linkDown(5, 1)).isFalse();
    assertThat(FaultModel.none().offline(5)).isFalse();
  }

  @Test
  void spreadsTheStormOverItsWindow() {
    long early = 0;
    for (int i = 0; i < 1_000; i++) {
      Duration d = faults.stormOffset(i);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(10));
      early += d.compareTo(Duration.ofSeconds(5)) < 0 ? 1 : 0;
    }
    assertThat(early).isBetween(420L, 580L);
  }

  @Test
  void refusesFractionsOutOfRange() {
    assertThatThrownBy(() -> new FaultModel(1.0, 0, null, 0, Duration.ZERO, 1))
        .hasMessageContaining("--offline");
    assertThatThrownBy(() -> new FaultModel(0, -0.1, null, 0, Duration.ZERO, 1))
        .hasMessageContaining("--flap");
    assertThatThrownBy(() -> new FaultModel(0, 0, Duration.ofSeconds(1), 0, Duration.ZERO, 1))
        .hasMessageContaining("--storm-clusters");
  }

  @Test
  void refusesStormClustersWithoutAStormStart() {
    assertThatThrownBy(() -> new FaultModel(0, 0, null, 500, Duration.ofSeconds(10), 1))
        .hasMessageContaining("--storm-at");
  }

  @Test
  void schedulesFirstCheckInsWithinOneIntervalAndBacksOffToIt() {
    CheckInSchedule s = new CheckInSchedule(Duration.ofMinutes(5), false);
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 1_000; i++) {
      assertThat(s.first(r)).isBetween(Duration.ZERO, Duration.ofMinutes(5));
      assertThat(s.afterSuccess(r)).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
    }
    assertThat(s.afterError(1, r)).isBetween(Duration.ofMillis(1800), Duration.ofMillis(2200));
    assertThat(s.afterError(30, r)).isLessThanOrEqualTo(Duration.ofSeconds(330));
    assertThat(s.afterRetryAfter(Duration.ofSeconds(10), r))
        .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    assertThat(new CheckInSchedule(Duration.ofSeconds(30), true).afterSuccess(r)).isZero();
  }
}
