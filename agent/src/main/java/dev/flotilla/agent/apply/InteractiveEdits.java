package dev.flotilla.agent.apply;

import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.model.KubeObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which field managers stand for a person at a terminal rather than a controller (pure). Their
 * changes to fields a bundle sets are drift, taken back on the next apply as Flux's kustomize
 * controller does: every {@code kubectl*} manager ({@code kubectl} for {@code apply --server-side},
 * {@code kubectl-edit}, {@code kubectl-patch}, {@code kubectl-scale}, {@code
 * kubectl-client-side-apply}, {@code kubectl-set}, {@code kubectl-label} …) and {@code
 * before-first-apply} (fields written before anyone used server-side apply). Entries of the object
 * itself or its {@code scale} subresource count; {@code status} does not. Any other manager (an
 * HPA, an operator, Helm) keeps its fields: a bundle takes those only with {@code forceConflicts}.
 */
final class InteractiveEdits {
  private static final String KUBECTL = "kubectl";
  private static final String BEFORE_FIRST_APPLY = "before-first-apply";

  private InteractiveEdits() {}

  /** How to take back what interactive edits changed in {@code live}. */
  sealed interface Reclaim {
    /** Nothing written interactively: apply as the bundle says. */
    record None() implements Reclaim {}

    /** Drop these entries, then apply as the bundle says. */
    record Drop(Set<ManagedFieldsEntry> entries) implements Reclaim {}

    /**
     * Every entry is an interactive edit (an object made with {@code kubectl create} or {@code
     * kubectl apply}, say), or there are none: force the apply, which can take fields from them
     * alone. Dropping every entry instead would make the API server hand every field to {@code
     * before-first-apply}.
     */
    record Force(Set<ManagedFieldsEntry> entries) implements Reclaim {}
  }

  /** The plan for {@code live} (pure). */
  static Reclaim plan(KubeObject live) {
    List<ManagedFieldsEntry> all = ManagedFieldsEntry.of(live);
    Set<ManagedFieldsEntry> interactive = in(live);
    if (interactive.containsAll(all)) {
      // also no entries at all (written before field management): the server would hand every
      // field to before-first-apply
      return new Reclaim.Force(interactive);
    }
    return interactive.isEmpty() ? new Reclaim.None() : new Reclaim.Drop(interactive);
  }

  /** The entries of {@code live} written interactively. */
  static Set<ManagedFieldsEntry> in(KubeObject live) {
    Set<ManagedFieldsEntry> out = new LinkedHashSet<>();
    for (ManagedFieldsEntry e : ManagedFieldsEntry.of(live)) {
      if (isInteractive(e)) {
        out.add(e);
      }
    }
    return out;
  }

  static boolean isInteractive(ManagedFieldsEntry e) {
    if (!e.subresource().isEmpty() && !e.subresource().equals("scale")) {
      return false;
    }
    if (e.manager().startsWith(KUBECTL)) {
      return e.operation().equals(ManagedFieldsEntry.UPDATE)
          || e.operation().equals(ManagedFieldsEntry.APPLY);
    }
    return e.manager().equals(BEFORE_FIRST_APPLY)
        && e.operation().equals(ManagedFieldsEntry.UPDATE);
  }
}
