package dev.flotilla.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private static final Instant ASKED = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration HINT = Duration.ofSeconds(33);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void plainPollsComeBackAfterTheHubsHint() {
    Instant answered = ASKED.plusMillis(40);

    assertThat(PollSchedule.afterAnswer(ASKED, answered, false, Duration.ZERO, false, HINT))
        .isEqualTo(answered.plus(HINT));
    assertThat(PollSchedule.afterAnswer(ASKED, answered, false, Duration.ZERO, true, HINT))
        .isEqualTo(answered.plus(HINT));
  }

  @Test
  void longPollsGoAgainAtOnceAfterANewDocumentOrAHeldNotModified() {
    Instant held = ASKED.plus(WAIT);

    assertThat(PollSchedule.afterAnswer(ASKED, held, true, WAIT, false, HINT)).isEqualTo(held);
    assertThat(PollSchedule.afterAnswer(ASKED, ASKED.plusSeconds(3), true, WAIT, true, HINT))
        .isEqualTo(ASKED.plusSeconds(3));
  }

  @Test
  void aNotModifiedThatWasNotHeldFallsBackToTheHintInsteadOfSpinning() {
    Instant early = ASKED.plusMillis(20);

    assertThat(PollSchedule.afterAnswer(ASKED, early, true, WAIT, false, HINT))
        .isEqualTo(early.plus(HINT));
    assertThat(PollSchedule.afterAnswer(ASKED, early, true, Duration.ZERO, false, HINT))
        .isEqualTo(early.plus(HINT));
  }

  @Test
  void throttlingWaitsForRetryAfter() {
    assertThat(PollSchedule.afterThrottle(ASKED, Duration.ofSeconds(120)))
        .isEqualTo(ASKED.plusSeconds(120));
  }
}
