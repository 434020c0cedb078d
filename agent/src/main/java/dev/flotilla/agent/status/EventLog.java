package dev.flotilla.agent.status;

import dev.flotilla.protocol.StatusEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events not yet acknowledged, in order (pure: times come from the caller). Numbering: each new
 * event takes the next sequence number, never reused. Compaction, so weeks offline stay bounded: an
 * event equal to the previous one is counted on it, but only while that one was never sent (the hub
 * may already have stored it); past {@link #MAX_EVENTS} the oldest are folded into one {@code
 * EventsCompacted} event carrying the number of the last one folded.
 */
final class EventLog {
  static final int MAX_EVENTS = 5_000;

  private final List<PendingEvent> pending = new ArrayList<>();
  private long lastSeq;
  private long sentThrough;

  EventLog() {}

  /** Restored from disk: whatever is pending may have been sent before the restart. */
  EventLog(long lastSeq, List<PendingEvent> events) {
    this.lastSeq = lastSeq;
    this.pending.addAll(events);
    this.sentThrough = lastSeq;
  }

  void append(Instant at, String bundle, String type, String message) {
    if (!pending.isEmpty()) {
      PendingEvent last = pending.get(pending.size() - 1);
      if (last.seq() > sentThrough && last.sameAs(bundle, type, message)) {
        pending.set(pending.size() - 1, last.repeated(at));
        return;
      }
    }
    pending.add(PendingEvent.of(++lastSeq, at, bundle, type, message));
    if (pending.size() > MAX_EVENTS) {
      compact();
    }
  }

  /**
   * The oldest pending events, at most {@code maxEvents} and about {@code maxBytes} of JSON (at
   * least one), as they go on the wire; they count as sent from now on.
   */
  List<StatusEvent> batch(int maxEvents, int maxBytes) {
    List<StatusEvent> out = new ArrayList<>();
    long bytes = 0;
    for (PendingEvent e : pending) {
      StatusEvent w = e.toWire();
      long size = 120L + w.bundle().length() + w.type().length() + 2L * w.message().length();
      if (!out.isEmpty() && (out.size() >= maxEvents || bytes + size > maxBytes)) {
        break;
      }
      out.add(w);
      bytes += size;
      sentThrough = Math.max(sentThrough, w.seq());
    }
    return out;
  }

  /** Drops what the hub has stored. */
  void acknowledge(long throughSeq) {
    pending.removeIf(e -> e.seq() <= throughSeq);
  }

  /**
   * Makes every pending event and every future one number above {@code floor}, the highest event
   * the hub has stored: events numbered at or below it (from a queue whose file was lost) would be
   * dropped by the hub as duplicates, so they are numbered again from {@code floor + 1}, in order.
   */
  void renumberAfter(long floor) {
    if (pending.isEmpty() || pending.get(0).seq() > floor) {
      lastSeq = Math.max(lastSeq, floor);
      return;
    }
    long next = floor;
    List<PendingEvent> renumbered = new ArrayList<>();
    for (PendingEvent e : pending) {
      next++;
      renumbered.add(e.renumbered(next, next - e.seq()));
    }
    pending.clear();
    pending.addAll(renumbered);
    lastSeq = Math.max(next, floor);
    sentThrough = floor;
  }

  List<PendingEvent> pending() {
    return List.copyOf(pending);
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  int size() {
    return pending.size();
  }

  long lastSeq() {
    return lastSeq;
  }

  private void compact() {
    int n = pending.size() - MAX_EVENTS + 1;
    List<PendingEvent> fold = pending.subList(0, n);
    PendingEvent first = fold.get(0);
    PendingEvent last = fold.get(n - 1);
    long count = fold.stream().mapToLong(PendingEvent::count).sum();
    long from = first.isCompacted() ? first.foldedFrom() : first.seq();
    PendingEvent compacted =
        new PendingEvent(last.seq(), last.time(), "", PendingEvent.COMPACTED, "", 1, from, count);
    fold.clear();
    pending.add(0, compacted);
  }
}
