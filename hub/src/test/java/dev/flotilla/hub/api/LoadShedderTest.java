package dev.flotilla.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.http.HttpError;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadShedderTest {
  LoadShedder shedder =
      new LoadShedder(new LoadLimits(2, 1, Duration.ofSeconds(4)), new SplittableRandom(7));

  @Test
  void shedsPastTheInFlightLimitWithARetryAfterAndCountsIt() {
    Runnable a = shedder.enter();
    Runnable b = shedder.enter();
    assertThat(shedder.inFlight()).isEqualTo(2);
    assertThatThrownBy(shedder::enter)
        .isInstanceOfSatisfying(
            HttpError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.retryAfterSeconds()).isBetween(4L, 8L);
              assertThat(e.getMessage()).contains("2 agent requests");
            });
    assertThat(shedder.shedForInFlight()).isEqualTo(1);
    a.run();
    a.run();
    assertThat(shedder.inFlight()).isEqualTo(1);
    shedder.enter();
    b.run();
  }

  @Test
  void shedsPastTheLongPollLimitAndFreesTheSlotOnce() {
    Runnable held = shedder.hold();
    assertThatThrownBy(shedder::hold)
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(429));
    assertThat(shedder.shedForLongPolls()).isEqualTo(1);
    held.run();
    held.run();
    assertThat(shedder.heldLongPolls()).isZero();
    shedder.hold();
    assertThat(shedder.heldLongPolls()).isEqualTo(1);
  }

  @Test
  void retryAfterIsSpreadOverTheWindow() {
    shedder.hold();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      try {
        shedder.hold();
      } catch (HttpError e) {
        seen.add(e.retryAfterSeconds());
      }
    }
    assertThat(seen).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s).isBetween(4L, 8L));
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new LoadLimits(0, 1, Duration.ofSeconds(1)))
        .hasMessageContaining("max in flight 0");
    assertThatThrownBy(() -> new LoadLimits(1, 1, Duration.ZERO))
        .hasMessageContaining("retry-after");
  }
}
