package dev.flotilla.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(42));

  @Test
  void drawsUniformlyBelowAnExponentialCeilingThatStopsAtTheCap() {
    for (int attempt = 1; attempt <= 40; attempt++) {
      long ceiling = Math.min(300_000, 1_000L << Math.min(attempt - 1, 30));
      for (int i = 0; i < 200; i++) {
        Duration d = backoff.delay(attempt);
        assertThat(d.toMillis()).isBetween(1L, ceiling);
      }
    }
  }

  @Test
  void spreadsAFleetOverTheWholeWindow() {
    // full jitter: 1,000 agents that lost the hub together come back spread over the window,
    // not at its end (equal jitter) or in lockstep (no jitter)
    long[] delays =
        IntStream.range(0, 1_000).mapToLong(i -> backoff.delay(20).toMillis()).sorted().toArray();

    assertThat(delays[100]).isLessThan(60_000);
    assertThat(delays[900]).isGreaterThan(240_000);
  }

  @Test
  void refusesABaseAboveTheCap() {
    assertThatThrownBy(
            () ->
                new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(5), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < base <= cap");
  }
}
