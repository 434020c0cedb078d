package dev.flotilla.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.protocol.StatusEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void numbersEventsInOrderAndCountsRepeatsOfAnUnsentEvent() {
    EventLog log = new EventLog();
    log.append(T0, "web", "DriftCorrected", "1 drifted");
    log.append(T0.plusSeconds(300), "web", "DriftCorrected", "1 drifted");
    log.append(T0.plusSeconds(600), "web", "DriftCorrected", "1 drifted");
    log.append(T0.plusSeconds(900), "db", "Applied", "revision abc");

    assertThat(log.batch(100, 1 << 20))
        .extracting(StatusEvent::seq, StatusEvent::message, StatusEvent::time)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "1 drifted (x3)", T0.plusSeconds(600)),
            org.assertj.core.groups.Tuple.tuple(2L, "revision abc", T0.plusSeconds(900)));
  }

  @Test
  void neverChangesAnEventOnceSent() {
    EventLog log = new EventLog();
    log.append(T0, "web", "DriftCorrected", "1 drifted");
    List<StatusEvent> sent = log.batch(100, 1 << 20);

    log.append(T0.plusSeconds(300), "web", "DriftCorrected", "1 drifted");

    assertThat(sent).extracting(StatusEvent::message).containsExactly("1 drifted");
    assertThat(log.batch(100, 1 << 20))
        .extracting(StatusEvent::seq, StatusEvent::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "1 drifted"),
            org.assertj.core.groups.Tuple.tuple(2L, "1 drifted"));
  }

  @Test
  void batchesByCountAndBySizeOldestFirst() {
    EventLog log = new EventLog();
    for (int i = 0; i < 1_200; i++) {
      log.append(T0, "web", "Applied", "revision " + i);
    }

    assertThat(log.batch(500, 1 << 20))
        .hasSize(500)
        .first()
        .extracting(StatusEvent::seq)
        .isEqualTo(1L);
    log.acknowledge(500);
    assertThat(log.batch(500, 10_000))
        .hasSizeBetween(2, 100)
        .first()
        .extracting(StatusEvent::seq)
        .isEqualTo(501L);
    assertThat(log.batch(500, 1)).hasSize(1);
  }

  @Test
  void foldsTheOldestPastTheLimitIntoOneCompactedEvent() {
    EventLog log = new EventLog();
    int total = EventLog.MAX_EVENTS + 2_500;
    for (int i = 1; i <= total; i++) {
      log.append(T0.plusSeconds(i), "web", "Applied", "revision " + i);
    }

    assertThat(log.size()).isEqualTo(EventLog.MAX_EVENTS);
    StatusEvent first = log.batch(1, 1 << 20).get(0);
    assertThat(first.type()).isEqualTo("EventsCompacted");
    assertThat(first.seq()).isEqualTo(2_501L);
    assertThat(first.message()).startsWith("2501 older events (seq 1-2501)");
    assertThat(log.pending().get(1).seq()).isEqualTo(2_502L);
    assertThat(log.lastSeq()).isEqualTo(total);
  }

  @Test
  void renumbersPendingEventsPastTheHubsAfterALostQueue() {
    EventLog log = new EventLog();
    log.append(T0, "web", "Applied", "a");
    log.append(T0, "web", "Applied", "b");

    log.renumberAfter(3_000);
    log.append(T0, "web", "Applied", "c");

    assertThat(log.pending())
        .extracting(PendingEvent::seq, PendingEvent::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3_001L, "a"),
            org.assertj.core.groups.Tuple.tuple(3_002L, "b"),
            org.assertj.core.groups.Tuple.tuple(3_003L, "c"));
  }

  @Test
  void keepsItsNumbersWhenTheHubIsBehindThem() {
    EventLog log = new EventLog();
    log.append(T0, "web", "Applied", "a");
    log.append(T0, "web", "Applied", "b");
    log.acknowledge(1);

    log.renumberAfter(1);

    assertThat(log.pending()).extracting(PendingEvent::seq).containsExactly(2L);
    assertThat(log.lastSeq()).isEqualTo(2);
  }
}
