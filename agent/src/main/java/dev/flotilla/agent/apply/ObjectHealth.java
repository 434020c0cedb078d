package dev.flotilla.agent.apply;

import dev.flotilla.model.ObjectRef;
import java.util.Objects;

/** One object's health, in the kstatus sense. */
public record ObjectHealth(ObjectRef ref, Status status, String message) {
  /** kstatus' statuses. */
  public enum Status {
    /** Reconciled and available (a Job: completed). */
    CURRENT,
    /** Being rolled out, scaled, scheduled or waited for. */
    IN_PROGRESS,
    /** Will not get better by waiting (a progress deadline exceeded, a failed Job). */
    FAILED,
    /** Being deleted. */
    TERMINATING,
    /** Expected but absent. */
    NOT_FOUND
  }

  public ObjectHealth {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
  }

  static ObjectHealth current(ObjectRef ref, String message) {
    return new ObjectHealth(ref, Status.CURRENT, message);
  }

  static ObjectHealth inProgress(ObjectRef ref, String message) {
    return new ObjectHealth(ref, Status.IN_PROGRESS, message);
  }

  static ObjectHealth failed(ObjectRef ref, String message) {
    return new ObjectHealth(ref, Status.FAILED, message);
  }

  @Override
  public String toString() {
    String s = ref + " " + status;
    return message.isEmpty() ? s : s + ": " + message;
  }
}
