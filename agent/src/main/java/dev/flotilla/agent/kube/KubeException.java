package dev.flotilla.agent.kube;

import dev.flotilla.model.ObjectRef;

/**
 * A Kubernetes API call failed. The subtypes say what the caller should do: an unknown kind or an
 * invalid object fails that object only; a conflict needs {@code force}; an unreachable API ends
 * the run, to be retried later.
 */
public sealed class KubeException extends RuntimeException {
  public KubeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The API server does not serve this apiVersion/kind (a missing CRD, a typo). */
  public static final class UnknownKind extends KubeException {
    public UnknownKind(String apiVersion, String kind) {
      super(
          "the API server does not serve kind "
              + kind
              + " in "
              + apiVersion
              + " (is its CustomResourceDefinition installed?)",
          null);
    }
  }

  /** The server rejected the object (validation, admission). */
  public static final class Invalid extends KubeException {
    public Invalid(ObjectRef ref, String reason, Throwable cause) {
      super(ref + " was rejected: " + reason, cause);
    }
  }

  /**
   * Another field manager owns fields this apply sets; set the bundle's forceConflicts to take
   * them.
   */
  public static final class Conflict extends KubeException {
    public Conflict(ObjectRef ref, String reason, Throwable cause) {
      super(ref + " conflicts with another field manager: " + reason, cause);
    }
  }

  /** The API server could not be reached or failed; retry the run later. */
  public static final class Unavailable extends KubeException {
    public Unavailable(String reason, Throwable cause) {
      super("Kubernetes API unavailable: " + reason, cause);
    }
  }
}
