package dev.flotilla.agent.sync;

import dev.flotilla.agent.cache.LocalStore;
import dev.flotilla.agent.hub.HubClient;
import dev.flotilla.agent.status.StatusQueue;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusReport;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Sends the status queue to the hub, one report (one batch of events) per call. The queue is saved
 * with a new report number before sending, and again after the acknowledgement trims it: a crash or
 * a lost answer in between resends, and the hub's sequence checks make that harmless.
 */
public final class StatusReporter {
  private final Supplier<HubClient> hub;
  private final StatusQueue queue;
  private final LocalStore store;

  public StatusReporter(Supplier<HubClient> hub, StatusQueue queue, LocalStore store) {
    this.hub = hub;
    this.queue = queue;
    this.store = store;
  }

  /**
   * What one report did.
   *
   * @param reportSeq the report's number
   * @param eventsSent events it carried
   * @param eventsLeft events still pending after the acknowledgement
   */
  public record Sent(
      long reportSeq, int eventsSent, int eventsLeft, StatusQueue.Delivery delivery) {}

  /** Saves the queue if it changed since it was last saved. */
  public void save() throws IOException {
    if (queue.unsaved()) {
      store.saveStatus(queue.serialize());
    }
  }

  /**
   * Sends one report; call only when {@link StatusQueue#pending()}.
   *
   * @throws dev.flotilla.agent.hub.HubException if the hub did not take it (nothing is lost)
   */
  public Sent report() throws IOException {
    StatusReport report = queue.nextReport();
    save();
    StatusAck ack = hub.get().status(report);
    StatusQueue.Delivery delivery = queue.acknowledged(ack);
    store.saveStatus(queue.serialize());
    return new Sent(report.seq(), report.events().size(), queue.pendingEventCount(), delivery);
  }
}
