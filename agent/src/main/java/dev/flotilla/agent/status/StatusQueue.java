package dev.flotilla.agent.status;

import dev.flotilla.model.Facts;
import dev.flotilla.protocol.BundleStatus;
import dev.flotilla.protocol.StatusAck;
import dev.flotilla.protocol.StatusReport;
import dev.flotilla.protocol.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the agent has to tell the hub: the latest state per bundle (compacted: one each), bundles
 * removed, facts, and the {@link EventLog}. Reports are numbered; the hub keeps bundle states only
 * from a report newer than the last it stored and each event at most once, so resending after a
 * lost answer counts nothing twice. Not thread-safe: the sync loop owns it; the caller saves {@link
 * #serialize} to the sealed store after every change that matters.
 */
public final class StatusQueue {
  public static final int MAX_EVENTS = EventLog.MAX_EVENTS;

  /** Events per report, and roughly how many bytes of them: well under the hub's 1 MiB limit. */
  static final int BATCH_EVENTS = 500;

  static final int BATCH_BYTES = 256 * 1024;

  private final Clock clock;
  private final EventLog events;
  private final Map<String, BundleStatus> bundles = new TreeMap<>();
  private final TreeSet<String> removed = new TreeSet<>();
  private long lastReportSeq;
  private Facts facts;
  private boolean changedSinceAck;
  private long changeVersion;
  private long sentVersion = -1;
  private boolean synced;
  private boolean awaitingAck;
  private long version;
  private long savedVersion = -1;

  public StatusQueue(Clock clock) {
    this(clock, new EventLog());
  }

  private StatusQueue(Clock clock, EventLog events) {
    this.clock = clock;
    this.events = events;
  }

  /** What the hub's acknowledgement did to the queue. */
  public enum Delivery {
    /** The report is stored; what it carried is dropped. */
    DELIVERED,
    /**
     * The first answer to a new queue (first start, or its file was lost): its events are now
     * numbered past the hub's, and go in the next report.
     */
    RENUMBERED
  }

  /** Restores a queue saved with {@link #serialize}. */
  public static StatusQueue restore(byte[] saved, Clock clock) {
    StatusState s = Json.read(saved, StatusState.class, "local status queue");
    StatusQueue q =
        new StatusQueue(
            clock, new EventLog(s.lastEventSeq(), s.events() == null ? List.of() : s.events()));
    q.lastReportSeq = s.lastReportSeq();
    q.bundles.putAll(s.bundles() == null ? Map.of() : s.bundles());
    q.removed.addAll(s.removed() == null ? List.of() : s.removed());
    q.facts = s.facts();
    q.changedSinceAck = s.changedSinceAck();
    q.synced = s.synced();
    return q;
  }

  /** Whether anything changed since the last {@link #serialize}. */
  public boolean unsaved() {
    return version != savedVersion;
  }

  /** The queue's persisted form; it counts as saved from now on. */
  public byte[] serialize() {
    savedVersion = version;
    return Json.write(
        new StatusState(
            lastReportSeq,
            events.lastSeq(),
            bundles,
            List.copyOf(removed),
            events.pending(),
            facts,
            changedSinceAck,
            synced));
  }

  public void bundle(BundleStatus status) {
    BundleStatus previous = bundles.put(status.name(), status);
    removed.remove(status.name());
    if (previous == null || !sameState(previous, status)) {
      changed();
    }
  }

  public void removed(String bundle) {
    if (bundles.remove(bundle) != null || !removed.contains(bundle)) {
      removed.add(bundle);
      changed();
    }
  }

  public void facts(Facts f) {
    if (!f.equals(facts)) {
      facts = f;
      changed();
    }
  }

  public Optional<BundleStatus> bundleState(String bundle) {
    return Optional.ofNullable(bundles.get(bundle));
  }

  public Map<String, BundleStatus> bundles() {
    return Map.copyOf(bundles);
  }

  public void event(String bundle, String type, String message) {
    events.append(clock.instant(), bundle, type, message);
    version++;
  }

  /** Whether anything is waiting to be reported. */
  public boolean pending() {
    return changedSinceAck || !events.isEmpty();
  }

  /**
   * The next report: states, removals, facts and the oldest pending events (a batch; the rest go in
   * the next reports). A new queue's first report carries no events: the hub's answer tells it
   * where the hub's numbering stands. A report goes out under a new number when the states changed
   * since the last one sent, else again under that one (the hub may have it already: the same
   * states, and events it stores once each), so retries while the hub is away write nothing. Save
   * the queue ({@link #unsaved}) before sending.
   */
  public StatusReport nextReport() {
    if (!awaitingAck || sentVersion != changeVersion) {
      lastReportSeq++;
      version++;
    }
    awaitingAck = true;
    sentVersion = changeVersion;
    return new StatusReport(
        lastReportSeq,
        facts,
        List.copyOf(bundles.values()),
        List.copyOf(removed),
        synced ? events.batch(BATCH_EVENTS, BATCH_BYTES) : List.of());
  }

  /**
   * Applies the hub's receipt. A new queue's first receipt says where the hub's numbering stands;
   * its events are numbered past it. A queue the hub is ahead of was restored from an older copy of
   * itself (same history, same numbers): what the hub has is dropped, and the states go again in a
   * report numbered past the hub's.
   */
  public Delivery acknowledged(StatusAck ack) {
    awaitingAck = false;
    version++;
    boolean hubAhead = ack.reportSeq() > lastReportSeq;
    Delivery delivery;
    if (!synced) {
      synced = true;
      events.renumberAfter(ack.ackedEventSeq());
      delivery = Delivery.RENUMBERED;
    } else {
      events.acknowledge(ack.ackedEventSeq());
      events.renumberAfter(ack.ackedEventSeq());
      delivery = Delivery.DELIVERED;
    }
    if (hubAhead) {
      lastReportSeq = ack.reportSeq();
      changed();
    } else if (sentVersion == changeVersion) {
      changedSinceAck = false;
      removed.clear();
    }
    return delivery;
  }

  /** Events waiting, with their sequence numbers, as they would go on the wire. */
  public List<PendingEvent> pendingEvents() {
    return events.pending();
  }

  public int pendingEventCount() {
    return events.size();
  }

  public long lastEventSeq() {
    return events.lastSeq();
  }

  public long lastReportSeq() {
    return lastReportSeq;
  }

  private void changed() {
    changedSinceAck = true;
    changeVersion++;
    version++;
  }

  private static boolean sameState(BundleStatus a, BundleStatus b) {
    return a.revision().equals(b.revision())
        && a.digest().equals(b.digest())
        && a.sync() == b.sync()
        && a.health() == b.health()
        && a.message().equals(b.message());
  }
}
