package dev.flotilla.agent.status;

import dev.flotilla.protocol.StatusEvent;
import java.time.Instant;

/**
 * An event waiting for the hub's acknowledgement, as the queue keeps it: repeats of the same event
 * are counted instead of stored again, and a compacted run of old events remembers how many it
 * stands for and from which sequence number.
 *
 * @param seq the event's number, strictly increasing, never reused
 * @param time when it (last) happened
 * @param repeats how many times it happened in a row (1 for once)
 * @param foldedFrom for {@link #COMPACTED}: the first sequence number folded in; else 0
 * @param folded for {@link #COMPACTED}: how many events it stands for; else 0
 */
public record PendingEvent(
    long seq,
    Instant time,
    String bundle,
    String type,
    String message,
    int repeats,
    long foldedFrom,
    long folded) {
  public static final String COMPACTED = "EventsCompacted";

  public PendingEvent {
    bundle = bundle == null ? "" : bundle;
    message = message == null ? "" : message;
    repeats = Math.max(1, repeats);
  }

  static PendingEvent of(long seq, Instant time, String bundle, String type, String message) {
    return new PendingEvent(seq, time, bundle, type, message, 1, 0, 0);
  }

  boolean isCompacted() {
    return type.equals(COMPACTED);
  }

  /** How many events this one stands for. */
  long count() {
    return isCompacted() ? folded : repeats;
  }

  boolean sameAs(String bundle, String type, String message) {
    return !isCompacted()
        && this.bundle.equals(bundle)
        && this.type.equals(type)
        && this.message.equals(message);
  }

  PendingEvent repeated(Instant at) {
    return new PendingEvent(seq, at, bundle, type, message, repeats + 1, foldedFrom, folded);
  }

  PendingEvent renumbered(long newSeq, long shift) {
    return new PendingEvent(
        newSeq,
        time,
        bundle,
        type,
        message,
        repeats,
        foldedFrom == 0 ? 0 : foldedFrom + shift,
        folded);
  }

  /** The event as the hub receives it. */
  StatusEvent toWire() {
    String text;
    if (isCompacted()) {
      text =
          folded
              + " older events (seq "
              + foldedFrom
              + "-"
              + seq
              + ") were folded into this one while the hub was out of reach";
    } else {
      text = repeats > 1 ? message + " (x" + repeats + ")" : message;
    }
    return new StatusEvent(seq, time, bundle, type, text);
  }
}
