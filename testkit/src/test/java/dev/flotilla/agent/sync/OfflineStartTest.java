package dev.flotilla.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.agent.FactsReader;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.protocol.BundleStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync loop with a hub that never answers, on a manual clock. */
class OfflineStartTest {
  private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "edge", "web");
  private static final SyncSettings SETTINGS =
      SyncSettings.DEFAULT.withLongPoll(Duration.ZERO).withMaxBackoff(Duration.ofMinutes(5));

  @TempDir Path dir;

  @Test
  void appliesFromTheLocalStoreAtStartThenBacksOffAndCorrectsDriftOffline() throws Exception {
    StoreFixture f = new StoreFixture(dir);
    f.storeDesired();
    HubClient hub = StoreFixture.deadHub();
    SyncLoop loop = loop(f, hub);
    Instant start = f.clock.instant();

    Duration firstWait = loop.step();

    assertThat(f.cluster.get(WEB)).isPresent();
    assertThat(f.status.bundleState(StoreFixture.BUNDLE).orElseThrow().sync())
        .isEqualTo(BundleStatus.SyncState.APPLIED);
    assertThat(loop.hubReachable()).isFalse();
    assertThat(firstWait).isBetween(Duration.ofMillis(1), Duration.ofSeconds(1));

    f.cluster.edit(WEB, "kubectl-scale", body -> spec(body).put("replicas", 9));
    Duration longest = Duration.ZERO;
    while (f.clock.instant().isBefore(start.plus(Duration.ofHours(6)))) {
      Duration wait = loop.step();
      longest = wait.compareTo(longest) > 0 ? wait : longest;
      f.clock.advance(wait.isZero() ? Duration.ofMillis(1) : wait);
    }

    assertThat(f.cluster.get(WEB).orElseThrow().at("spec.replicas")).contains(2);
    assertThat(longest).isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(f.status.pendingEvents())
        .extracting(e -> e.type() + " " + e.message())
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("DriftCorrected 1 drifted, 1 restored")
                    .contains("taken back from kubectl-scale"));
  }

  @Test
  void flippedManifestsAtStartAreNotAppliedAndAreAskedForAgain() throws Exception {
    StoreFixture f = new StoreFixture(dir);
    f.storeDesired();
    StoreFixture.flip(f.store.fileOf(dev.flotilla.agent.cache.LocalStore.blobName(f.digest)), 33);
    SyncLoop loop = loop(f, StoreFixture.deadHub());

    loop.step();

    assertThat(f.cluster.get(WEB)).isEmpty();
    assertThat(f.cluster.applyCount()).isZero();
    assertThat(loop.schedule().get(0)).isBefore(f.clock.instant().plusSeconds(2));
    assertThat(f.status.pendingEvents()).extracting(e -> e.type()).contains("CacheCorrupt");
  }

  private static SyncLoop loop(StoreFixture f, HubClient hub) {
    return new SyncLoop(
        "edge-1",
        f.desiredSync(hub),
        f.reconciler(),
        new StatusReporter(() -> hub, f.status, f.store),
        f.status,
        new FactsReader(f.cluster),
        SETTINGS,
        new Backoff(Duration.ofSeconds(1), SETTINGS.maxBackoff(), new SplittableRandom(7)),
        f.clock);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> body) {
    return (Map<String, Object>) body.get("spec");
  }
}
