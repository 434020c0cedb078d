package dev.flotilla.agent.apply;

import dev.flotilla.model.ObjectRef;
import java.util.Objects;

/**
 * What happened to one object.
 *
 * @param message why, for SKIPPED and FAILED; the changed fields for CONFIGURED; else empty
 */
public record ChangeSetEntry(ObjectRef ref, Action action, String message) {
  public ChangeSetEntry {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(action, "action");
    message = message == null ? "" : message;
  }

  public static ChangeSetEntry of(ObjectRef ref, Action action) {
    return new ChangeSetEntry(ref, action, "");
  }

  /** {@code Deployment.apps/edge/web configured (spec.replicas)}, as logs and events show it. */
  @Override
  public String toString() {
    String s = ref + " " + action.name().toLowerCase();
    return message.isEmpty() ? s : s + " (" + message + ")";
  }
}
