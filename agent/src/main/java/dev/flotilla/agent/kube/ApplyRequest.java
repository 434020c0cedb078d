package dev.flotilla.agent.kube;

import dev.flotilla.model.KubeObject;
import java.util.Objects;

/**
 * One server-side apply.
 *
 * @param object the desired object (fields this manager owns)
 * @param fieldManager normally {@code flotilla}
 * @param force take over fields another manager owns instead of failing with a conflict
 * @param dryRun ask the server what it would store, without storing it (drift detection)
 */
public record ApplyRequest(KubeObject object, String fieldManager, boolean force, boolean dryRun) {
  public static final String FIELD_MANAGER = "flotilla";

  public ApplyRequest {
    Objects.requireNonNull(object, "object");
    if (fieldManager == null || fieldManager.isBlank()) {
      throw new IllegalArgumentException("apply of " + object.ref() + " needs a field manager");
    }
  }

  public static ApplyRequest of(KubeObject object, boolean force) {
    return new ApplyRequest(object, FIELD_MANAGER, force, false);
  }

  /** What the server would store if Flotilla applied {@code object} now. */
  public static ApplyRequest dryRun(KubeObject object, boolean force) {
    return new ApplyRequest(object, FIELD_MANAGER, force, true);
  }

  /** The same apply as another field manager, e.g. {@code kubectl} in drift tests. */
  public ApplyRequest as(String manager) {
    return new ApplyRequest(object, manager, force, dryRun);
  }
}
