package dev.flotilla.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.FactsReader;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.protocol.sign.DocumentVerifier;
import dev.flotilla.testkit.kube.WorkloadSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-polling agent defers a due pull while local work is due within a second, but not for ever:
 * a workload that never becomes ready (health rechecked every second) must not keep the agent from
 * asking for the hub's next document, such as a rollback.
 */
class PullDeferralTest {
  private static final SyncSettings SETTINGS =
      SyncSettings.DEFAULT
          .withLongPoll(Duration.ofSeconds(5))
          .withHealthInterval(Duration.ofSeconds(1))
          .withMaxBackoff(Duration.ofSeconds(3));

  @TempDir Path dir;

  @Test
  void aWorkloadThatNeverBecomesReadyDoesNotStarveThePull() throws Exception {
    StoreFixture f = new StoreFixture(dir, WorkloadSimulator.stalled());
    f.storeDesired();
    HubClient hub = StoreFixture.deadHub();
    AtomicInteger pulls = new AtomicInteger();
    DesiredSync desired =
        new DesiredSync(
            () -> {
              pulls.incrementAndGet();
              return hub;
            },
            f.store,
            new DocumentVerifier(f.hubKeys.getPublic()),
            StoreFixture.CLUSTER,
            f.status);
    SyncLoop loop =
        new SyncLoop(
            "edge-1",
            desired,
            f.reconciler(),
            new StatusReporter(() -> hub, f.status, f.store),
            f.status,
            new FactsReader(f.cluster),
            SETTINGS,
            new Backoff(Duration.ofSeconds(1), SETTINGS.maxBackoff(), new SplittableRandom(7)),
            f.clock);
    Instant start = f.clock.instant();

    while (f.clock.instant().isBefore(start.plus(Duration.ofMinutes(1)))) {
      Duration wait = loop.step();
      // as on a real clock, a step takes a few milliseconds
      f.clock.advance(wait.plusMillis(7));
    }

    // a minute of one-second health rechecks, and still the hub was asked again and again
    assertThat(pulls.get()).isGreaterThanOrEqualTo(6);
  }
}
