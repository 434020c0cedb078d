package dev.flotilla.hub.checkin;

import dev.flotilla.hub.store.StatusStore;
import dev.flotilla.hub.store.StatusStore.ReceivedReport;
import dev.flotilla.protocol.StatusAck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores status reports in batches: request handlers queue a report and wait; one writer thread
 * takes every report waiting (up to {@link #MAX_BATCH}) and stores them in one transaction, so a
 * burst of reports costs one commit instead of one each. A handler gets its acknowledgement only
 * after that transaction committed, so the agent drops only events the hub has durably stored. If a
 * batch fails, its reports are stored one by one, so one bad report fails only its own request.
 */
public final class StatusWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  /** Reports per transaction at most. */
  public static final int MAX_BATCH = 256;

  private final StatusStore statuses;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(16 * MAX_BATCH);
  private final Thread writer;
  private volatile boolean closed;

  private record Pending(ReceivedReport report, CompletableFuture<StatusAck> ack) {}

  public StatusWriter(StatusStore statuses) {
    this.statuses = statuses;
    this.writer = Thread.ofPlatform().name("status-writer").daemon().start(this::run);
  }

  /**
   * Queues the report and waits until it is stored; returns what the store acknowledged.
   *
   * @throws RuntimeException what storing it threw (the report was not stored)
   */
  public StatusAck store(ReceivedReport report) {
    if (closed) {
      throw new IllegalStateException("the hub is stopping; status report not stored");
    }
    CompletableFuture<StatusAck> ack = new CompletableFuture<>();
    try {
      queue.put(new Pending(report, ack));
      return ack.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing a status report", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("storing a status report took over 60 s; not stored", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      Pending first;
      try {
        first = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      write(batch);
      batch.clear();
    }
  }

  /** Writes one batch (one transaction); runs on the writer thread only. */
  void write(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<StatusAck> acks = statuses.recordAll(batch.stream().map(Pending::report).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).ack().complete(acks.get(i));
      }
      return;
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).ack().completeExceptionally(e);
        return;
      }
      LOG.debug("a batch of {} status reports failed; storing them one by one", batch.size(), e);
    }
    for (Pending p : batch) {
      try {
        ReceivedReport r = p.report();
        p.ack().complete(statuses.record(r.cluster(), r.report(), r.receivedAt()));
      } catch (RuntimeException e) {
        p.ack().completeExceptionally(e);
      }
    }
  }

  /** Reports waiting for the writer, for metrics and tests. */
  public int queued() {
    return queue.size();
  }

  /** Stores what is queued, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(p -> p.ack().completeExceptionally(new IllegalStateException("the hub stopped")));
  }
}
