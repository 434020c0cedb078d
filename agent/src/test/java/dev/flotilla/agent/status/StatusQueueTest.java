package dev.flotilla.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.BundleStatus.ChangeCounts;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusEvent;
import dev.flotilla.protocol.StatusReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusQueueTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void aNewQueueLearnsTheHubsNumberingBeforeSendingEvents() {
    StatusQueue q = new StatusQueue(clock);
    q.bundle(state("web"));
    q.event("web", "Applied", "revision a");

    StatusReport hello = q.nextReport();
    assertThat(hello.events()).isEmpty();
    assertThat(hello.bundles()).hasSize(1);
    assertThat(q.acknowledged(new StatusAck(1, 0))).isEqualTo(StatusQueue.Delivery.RENUMBERED);

    StatusReport first = q.nextReport();
    assertThat(first.seq()).isEqualTo(2);
    assertThat(first.events()).extracting(StatusEvent::seq).containsExactly(1L);
    assertThat(q.acknowledged(new StatusAck(2, 1))).isEqualTo(StatusQueue.Delivery.DELIVERED);
    assertThat(q.pending()).isFalse();
  }

  @Test
  void aQueueThatLostItsFileNumbersPastWhatTheHubHas() {
    StatusQueue q = new StatusQueue(clock);
    q.bundle(state("web"));
    q.event("", "CacheCorrupt", "status queue lost");
    q.event("web", "Applied", "revision a");

    q.nextReport();
    assertThat(q.acknowledged(new StatusAck(500, 3_000)))
        .isEqualTo(StatusQueue.Delivery.RENUMBERED);
    StatusReport next = q.nextReport();

    assertThat(next.seq()).isEqualTo(501);
    assertThat(next.bundles()).extracting(BundleStatus::name).containsExactly("web");
    assertThat(next.events()).extracting(StatusEvent::seq).containsExactly(3_001L, 3_002L);
    q.acknowledged(new StatusAck(501, 3_002));
    assertThat(q.pending()).isFalse();
  }

  @Test
  void aLostAnswerResendsTheSameEventsUnderTheSameNumbers() {
    StatusQueue q = synced();
    q.event("web", "DriftCorrected", "1 drifted");
    q.event("web", "Applied", "revision b");

    StatusReport lost = q.nextReport();
    q.event("web", "DriftCorrected", "1 drifted");
    StatusReport again = q.nextReport();

    assertThat(again.seq()).isEqualTo(lost.seq());
    assertThat(again.events().subList(0, 2)).isEqualTo(lost.events());
    assertThat(again.events()).extracting(StatusEvent::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aQueueRestoredFromAnOlderCopyDropsWhatTheHubHasInsteadOfSendingItAgain() {
    StatusQueue q = synced();
    q.bundle(state("web"));
    q.event("web", "DriftCorrected", "1 drifted");
    q.event("web", "Applied", "revision b");
    byte[] olderCopy = q.serialize();
    q.nextReport();
    q.acknowledged(new StatusAck(2, 2));
    q.event("web", "Applied", "revision c");
    q.nextReport();
    q.acknowledged(new StatusAck(3, 3));

    StatusQueue restored = StatusQueue.restore(olderCopy, clock);
    StatusReport stale = restored.nextReport();
    assertThat(restored.acknowledged(new StatusAck(3, 3)))
        .isEqualTo(StatusQueue.Delivery.DELIVERED);
    restored.event("web", "Applied", "revision d");
    StatusReport next = restored.nextReport();

    assertThat(stale.seq()).isEqualTo(2);
    assertThat(next.seq()).isEqualTo(4);
    assertThat(next.bundles()).extracting(BundleStatus::name).containsExactly("web");
    assertThat(next.events()).extracting(StatusEvent::seq).containsExactly(4L);
  }

  @Test
  void retriesWhileTheHubIsAwayReuseTheReportNumberAndChangeNothingOnDisk() {
    StatusQueue q = synced();
    q.bundle(state("web"));
    q.event("web", "Applied", "revision a");
    StatusReport first = q.nextReport();
    q.serialize();

    StatusReport retry = q.nextReport();
    assertThat(retry.seq()).isEqualTo(first.seq());
    assertThat(q.unsaved()).isFalse();

    q.event("web", "DriftCorrected", "1 drifted");
    assertThat(q.nextReport().seq()).isEqualTo(first.seq());
    q.bundle(state("db"));
    assertThat(q.nextReport().seq()).isEqualTo(first.seq() + 1);
    assertThat(q.unsaved()).isTrue();
  }

  @Test
  void aRemovalStaysUntilAReportCarryingItIsAcknowledgedWithNothingNewer() {
    StatusQueue q = synced();
    q.bundle(state("old"));
    q.nextReport();
    q.acknowledged(new StatusAck(2, 0));
    q.removed("old");

    StatusReport withRemoval = q.nextReport();
    q.bundle(state("new"));
    q.acknowledged(new StatusAck(withRemoval.seq(), 0));

    assertThat(q.pending()).isTrue();
    assertThat(q.nextReport().removed()).containsExactly("old");
  }

  @Test
  void survivesARestartWithItsNumbersAndNeverFoldsIntoWhatMayHaveBeenSent() {
    StatusQueue q = synced();
    q.event("web", "DriftCorrected", "1 drifted");
    q.event("web", "DriftCorrected", "1 drifted");

    StatusQueue restored = StatusQueue.restore(q.serialize(), clock);
    restored.event("web", "DriftCorrected", "1 drifted");

    assertThat(restored.lastEventSeq()).isEqualTo(2);
    StatusReport r = restored.nextReport();
    assertThat(r.seq()).isEqualTo(q.lastReportSeq() + 1);
    assertThat(r.events())
        .extracting(StatusEvent::seq, StatusEvent::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "1 drifted (x2)"),
            org.assertj.core.groups.Tuple.tuple(2L, "1 drifted"));
  }

  private StatusQueue synced() {
    StatusQueue q = new StatusQueue(clock);
    q.nextReport();
    q.acknowledged(new StatusAck(1, 0));
    return q;
  }

  private BundleStatus state(String name) {
    return new BundleStatus(
        name,
        "rev",
        "digest",
        BundleStatus.SyncState.APPLIED,
        BundleStatus.Health.READY,
        "",
        ChangeCounts.NONE,
        clock.instant());
  }
}
