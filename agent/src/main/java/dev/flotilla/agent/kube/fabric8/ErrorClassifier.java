package dev.flotilla.agent.kube.fabric8;

import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.model.ObjectRef;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns a fabric8 client error into the {@link KubeException} subtype that tells the caller what to
 * do, by HTTP status and the Status object's structured fields only (pure, apart from restoring the
 * interrupt flag).
 */
final class ErrorClassifier {
  private ErrorClassifier() {}

  /**
   * @param operation what was attempted, e.g. {@code "apply"}, for the message
   * @param ref the object concerned, or null for calls about no single object (discovery)
   */
  static KubeException classify(String operation, ObjectRef ref, KubernetesClientException e) {
    String what = ref == null ? operation : operation + " " + ref;
    int code = e.getCode();
    String reason = reason(e);
    if (code <= 0 || code == 401 || code == 408 || code == 429 || code >= 500) {
      if (code == 500 && ref != null && isUntypedFailure(e.getStatus())) {
        // Kubernetes 1.20 answers 500 without a Status reason when an apply body does not fit
        // the schema (unknown field, wrong type); newer servers answer 400/422. It is the
        // object's fault: retrying would fail forever.
        return new KubeException.Invalid(ref, reason, e);
      }
      if (hasInterruptedCause(e)) {
        Thread.currentThread().interrupt();
      }
      return new KubeException.Unavailable(what + " failed: " + reason, e);
    }
    if (ref == null) {
      return new KubeException.Unavailable(what + " failed (HTTP " + code + "): " + reason, e);
    }
    if (code == 409) {
      return new KubeException.Conflict(ref, reason, e);
    }
    return new KubeException.Invalid(ref, "HTTP " + code + ": " + reason, e);
  }

  /** A 404 Status about a namespace rather than about the object's kind. */
  static boolean isMissingNamespace(KubernetesClientException e) {
    Status s = e.getStatus();
    return e.getCode() == 404
        && s != null
        && s.getDetails() != null
        && "namespaces".equals(s.getDetails().getKind());
  }

  static String reason(KubernetesClientException e) {
    Status s = e.getStatus();
    if (s != null && s.getMessage() != null && !s.getMessage().isBlank()) {
      return s.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? String.valueOf(e.getMessage())
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static boolean isUntypedFailure(Status s) {
    return s != null
        && "Failure".equals(s.getStatus())
        && (s.getReason() == null || s.getReason().isBlank());
  }

  private static boolean hasInterruptedCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }
}
