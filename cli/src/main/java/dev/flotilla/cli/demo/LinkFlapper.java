package dev.flotilla.cli.demo;

import dev.flotilla.testkit.net.FlakyLink;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drops each link for a fraction of the time: alternating up and down periods drawn from
 * exponential distributions whose means give that fraction over a 10-second cycle.
 */
final class LinkFlapper implements AutoCloseable {
  private static final double CYCLE_SECONDS = 10.0;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("link-flapper").daemon().unstarted(r));
  private final double fraction;
  private final Random random;

  LinkFlapper(double fraction, long seed) {
    if (fraction < 0 || fraction >= 1) {
      throw new IllegalArgumentException("--flaky must be in [0, 1), got " + fraction);
    }
    this.fraction = fraction;
    this.random = new Random(seed);
  }

  void start(List<FlakyLink> links) {
    if (fraction == 0) {
      return;
    }
    for (FlakyLink link : links) {
      schedule(link, true);
    }
  }

  private void schedule(FlakyLink link, boolean up) {
    double mean = up ? CYCLE_SECONDS * (1 - fraction) : CYCLE_SECONDS * fraction;
    long millis = (long) (-Math.log(1 - random.nextDouble()) * mean * 1000);
    timer.schedule(
        () -> {
          link.setUp(!up);
          schedule(link, !up);
        },
        Math.max(millis, 50),
        TimeUnit.MILLISECONDS);
  }

  /** Restores every link (so the fleet can finish converging). */
  void stop(List<FlakyLink> links) {
    timer.shutdownNow();
    links.forEach(l -> l.setUp(true));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
