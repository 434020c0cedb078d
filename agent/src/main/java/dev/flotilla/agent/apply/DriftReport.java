package dev.flotilla.agent.apply;

import dev.flotilla.model.ObjectRef;
import java.util.List;

/**
 * What a drift check found changed behind Flotilla's back, and whether it was put back.
 *
 * @param drifts the objects that were missing or differed
 * @param changes what the check did, object by object (UNCHANGED for objects as desired)
 */
public record DriftReport(List<Drift> drifts, ChangeSet changes) {
  public DriftReport {
    drifts = List.copyOf(drifts);
  }

  /**
   * One drifted object.
   *
   * @param fields the dotted paths that differed (empty for a missing object)
   * @param corrected whether it was restored; if not, {@code message} says why, if so it may say
   *     from whom fields were taken back
   */
  public record Drift(
      ObjectRef ref, Kind kind, List<String> fields, boolean corrected, String message) {
    public enum Kind {
      /** Deleted behind Flotilla's back. */
      MISSING,
      /** Fields Flotilla applies were changed. */
      MODIFIED
    }

    public Drift {
      fields = List.copyOf(fields);
      message = message == null ? "" : message;
    }

    @Override
    public String toString() {
      String what = kind == Kind.MISSING ? "missing" : "modified " + ObjectDiff.describe(fields);
      if (corrected) {
        return ref + " " + what + ", restored" + (message.isEmpty() ? "" : " (" + message + ")");
      }
      return ref + " " + what + ", not restored: " + message;
    }
  }

  public boolean drifted() {
    return !drifts.isEmpty();
  }

  public List<Drift> uncorrected() {
    return drifts.stream().filter(d -> !d.corrected()).toList();
  }

  /** {@code 2 drifted, 1 restored}, or {@code no drift}. */
  public String summary() {
    if (drifts.isEmpty()) {
      return "no drift";
    }
    return drifts.size() + " drifted, " + (drifts.size() - uncorrected().size()) + " restored";
  }
}
