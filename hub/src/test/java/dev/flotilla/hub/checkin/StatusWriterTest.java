package dev.flotilla.hub.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.hub.store.BundleStatusRecord;
import dev.flotilla.hub.store.ClusterRecord;
import dev.flotilla.hub.store.EventRecord;
import dev.flotilla.hub.store.HubStore;
import dev.flotilla.hub.store.StatusStore;
import dev.flotilla.hub.store.StatusStore.ReceivedReport;
import dev.flotilla.hub.store.jdbc.JdbcHubStore;
import dev.flotilla.model.ClusterId;
import dev.flotilla.model.Facts;
import dev.flotilla.model.Labels;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusEvent;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusWriterTest {
  @TempDir Path dir;
  final ManualClock clock = ManualClock.startingAt("2026-01-01T00:00:00Z");
  HubStore store;
  GatedStatuses gated;
  StatusWriter writer;

  @BeforeEach
  void open() {
    store = JdbcHubStore.open("jdbc:sqlite:" + dir.resolve("flotilla.db"), clock);
    gated = new GatedStatuses(store.statuses());
    writer = new StatusWriter(gated);
  }

  @AfterEach
  void close() {
    gated.release.countDown();
    writer.close();
    store.close();
  }

  private ClusterId register(String name) {
    ClusterId id = ClusterId.random();
    Instant now = clock.instant();
    store
        .clusters()
        .insert(
            new ClusterRecord(
                id, name, Labels.of(), Facts.UNKNOWN, now, now, false, "1", now, "", 0, 0));
    return id;
  }

  private static ReceivedReport report(ClusterId id, long seq) {
    return new ReceivedReport(
        id,
        new StatusReport(
            seq,
            null,
            List.of(),
            List.of(),
            List.of(new StatusEvent(seq, Instant.EPOCH, "web", "Applied", "event " + seq))),
        Instant.EPOCH.plusSeconds(seq));
  }

  private CompletableFuture<StatusAck> send(ReceivedReport r) {
    return CompletableFuture.supplyAsync(() -> writer.store(r));
  }

  @Test
  void acknowledgesOnlyAfterTheTransactionHoldingTheReportCommitted() throws Exception {
    ClusterId id = register("edge-1");
    CompletableFuture<StatusAck> ack = send(report(id, 1));
    assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();

    // the writer is inside the store call: nothing is acknowledged, nothing is stored yet
    assertThat(ack).isNotDone();
    assertThat(store.statuses().eventCount(id)).isZero();

    gated.release.countDown();
    assertThat(ack.get(10, TimeUnit.SECONDS)).isEqualTo(new StatusAck(1, 1));
    List<EventRecord> events = store.statuses().events(id, 10);
    assertThat(events).extracting(EventRecord::seq).containsExactly(1L);
  }

  @Test
  void reportsThatWaitTogetherAreStoredInOneTransaction() throws Exception {
    List<ClusterId> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(register("edge-" + i));
    }
    CompletableFuture<StatusAck> first = send(report(ids.get(0), 1));
    assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<StatusAck>> rest = new ArrayList<>();
    for (int i = 1; i < 6; i++) {
      rest.add(send(report(ids.get(i), 7)));
    }
    Awaitility.await().until(() -> writer.queued() == 5);
    gated.release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new StatusAck(1, 1));
    for (CompletableFuture<StatusAck> f : rest) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(new StatusAck(7, 7));
    }
    assertThat(gated.batches).containsExactly(1, 5);
  }

  @Test
  void aReportThatCannotBeStoredFailsOnlyItsOwnRequest() throws Exception {
    gated.release.countDown();
    ClusterId known = register("edge-1");
    ClusterId unknown = ClusterId.random();
    List<StatusAck> acks = new ArrayList<>();
    // stored as one batch: the unknown cluster fails the batch, then each is stored alone
    assertThatThrownBy(
            () -> gated.delegate.recordAll(List.of(report(known, 1), report(unknown, 1))))
        .isInstanceOf(RuntimeException.class);
    CompletableFuture<StatusAck> good = send(report(known, 2));
    CompletableFuture<StatusAck> bad = send(report(unknown, 2));
    acks.add(good.get(10, TimeUnit.SECONDS));
    assertThat(acks).containsExactly(new StatusAck(2, 2));
    assertThat(bad).failsWithin(10, TimeUnit.SECONDS);
    assertThat(store.statuses().eventCount(known)).isEqualTo(1);
  }

  /** The real store, with {@code recordAll} held at a gate and its batch sizes counted. */
  static final class GatedStatuses implements StatusStore {
    final StatusStore delegate;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<Integer> batches = new CopyOnWriteArrayList<>();

    GatedStatuses(StatusStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<StatusAck> recordAll(List<ReceivedReport> reports) {
      batches.add(reports.size());
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.recordAll(reports);
    }

    @Override
    public StatusAck record(ClusterId cluster, StatusReport report, Instant receivedAt) {
      return delegate.record(cluster, report, receivedAt);
    }

    @Override
    public List<BundleStatusRecord> ofCluster(ClusterId cluster) {
      return delegate.ofCluster(cluster);
    }

    @Override
    public List<BundleStatusRecord> ofBundle(String bundle) {
      return delegate.ofBundle(bundle);
    }

    @Override
    public List<BundleStatusRecord> ofClustersBetween(ClusterId from, ClusterId to) {
      return delegate.ofClustersBetween(from, to);
    }

    @Override
    public List<BundleStatusRecord> all() {
      return delegate.all();
    }

    @Override
    public List<EventRecord> events(ClusterId cluster, int limit) {
      return delegate.events(cluster, limit);
    }

    @Override
    public long eventCount(ClusterId cluster) {
      return delegate.eventCount(cluster);
    }
  }
}
