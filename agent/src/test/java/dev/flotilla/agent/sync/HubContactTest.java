package dev.flotilla.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.hub.HubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HubContactTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final HubContact hub =
      new HubContact(
          "edge-1",
          new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(3)),
          clock);

  @Test
  void retryAfterHoldsBackBothThePullAndTheReport() {
    hub.throttled(new HubException.Throttled(Duration.ofSeconds(90)));

    assertThat(hub.nextPull()).isEqualTo(NOW.plusSeconds(90));
    assertThat(hub.nextReport()).isEqualTo(NOW.plusSeconds(90));
    assertThat(hub.reachable()).isTrue();
  }

  @Test
  void aLaterDueTimeSurvivesAShorterRetryAfter() {
    hub.pullAt(NOW.plusSeconds(600));

    hub.throttled(new HubException.Throttled(Duration.ofSeconds(5)));

    assertThat(hub.nextPull()).isEqualTo(NOW.plusSeconds(600));
    assertThat(hub.nextReport()).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void failuresBackOffWithinAGrowingWindowUntilTheHubAnswers() {
    for (int attempt = 1; attempt <= 12; attempt++) {
      hub.failed("no answer");
      long ceiling = Math.min(300, 1L << (attempt - 1));
      assertThat(Duration.between(NOW, hub.nextPull()).toMillis()).isBetween(1L, ceiling * 1000);
      assertThat(hub.nextReport()).isEqualTo(hub.nextPull());
      assertThat(hub.reachable()).isFalse();
    }

    hub.answered();
    hub.failed("no answer");

    assertThat(Duration.between(NOW, hub.nextPull())).isLessThanOrEqualTo(Duration.ofSeconds(1));
  }
}
