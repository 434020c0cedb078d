package dev.flotilla.agent.apply;

import dev.flotilla.agent.kube.ApplyRequest;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.agent.kube.ManagedFieldsEntry;
import dev.flotilla.agent.kube.ObjectScope;
import dev.flotilla.agent.kube.ResourceKind;
import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one object the way Flux's ResourceManager does: resolve its kind, label it with its
 * bundle, dry-run the apply and compare with the live object, and write only when they differ. The
 * dry run takes conflicting fields (force) so that it shows Flotilla's desired state. Before a
 * write, the managed-fields entries of interactive edits ({@code kubectl edit}, {@code scale},
 * {@code patch} …, see {@link InteractiveEdits}) are dropped, so the apply takes those fields back;
 * it forces only if the bundle says so, so a conflict with a controller still fails the object. A
 * failure of the object is an outcome; an unreachable API ({@link KubeException.Unavailable}) is
 * thrown.
 */
final class ObjectApplier {
  /** Reads of a live object that a controller keeps changing, before comparing anyway. */
  static final int SAME_VERSION_ATTEMPTS = 3;

  private final KubeCluster cluster;

  ObjectApplier(KubeCluster cluster) {
    this.cluster = cluster;
  }

  ObjectOutcome apply(String bundle, KubeObject object, BundleOptions options) {
    ObjectRef ref = object.ref();
    ResourceKind kind;
    KubeObject desired;
    try {
      kind = cluster.resolve(object.apiVersion(), object.kind());
      desired = BundleLabels.labelled(KubeObject.of(ObjectScope.bodyFor(kind, object)), bundle);
      ref = desired.ref();
    } catch (KubeException.UnknownKind | KubeException.Invalid e) {
      return ObjectOutcome.failed(ref, e.getMessage());
    }
    Optional<String> refused = NamespaceRestriction.violation(kind, desired, options);
    if (refused.isPresent()) {
      return ObjectOutcome.failed(ref, refused.get());
    }
    Optional<KubeObject> live;
    List<String> differences;
    try {
      live = cluster.get(ref);
      KubeObject dryRun = cluster.apply(ApplyRequest.dryRun(desired, true));
      // a controller may write the object between the read and the dry run (a Deployment's
      // revision annotation after its template changed): compare a dry run with the live object
      // it was computed from (a dry-run update keeps the resourceVersion), or that write would
      // pass for drift
      for (int attempt = 0;
          attempt < SAME_VERSION_ATTEMPTS && live.isPresent() && !sameVersion(dryRun, live.get());
          attempt++) {
        live = cluster.get(ref);
        if (live.isPresent() && !sameVersion(dryRun, live.get())) {
          dryRun = cluster.apply(ApplyRequest.dryRun(desired, true));
        }
      }
      KubeObject planned = dryRun;
      differences = live.map(l -> ObjectDiff.differences(planned, l)).orElse(List.of());
      if (live.isPresent() && differences.isEmpty()) {
        return new ObjectOutcome(ChangeSetEntry.of(ref, Action.UNCHANGED), true, true, List.of());
      }
    } catch (KubeException.Unavailable e) {
      throw e;
    } catch (KubeException e) {
      return ObjectOutcome.failed(ref, "dry-run apply failed: " + e.getMessage());
    }
    InteractiveEdits.Reclaim reclaim =
        live.map(InteractiveEdits::plan).orElse(new InteractiveEdits.Reclaim.None());
    List<String> reclaimed = managers(reclaim);
    try {
      if (reclaim instanceof InteractiveEdits.Reclaim.Drop drop) {
        cluster.removeManagedFields(ref, drop.entries());
      }
      boolean force = options.forceConflicts() || reclaim instanceof InteractiveEdits.Reclaim.Force;
      cluster.apply(ApplyRequest.of(desired, force));
    } catch (KubeException.Unavailable e) {
      throw e;
    } catch (KubeException e) {
      String hint =
          e instanceof KubeException.Conflict
              ? " (a controller owns these fields; set forceConflicts to take them)"
              : "";
      return new ObjectOutcome(
          new ChangeSetEntry(ref, Action.FAILED, "apply failed: " + e.getMessage() + hint),
          true,
          live.isPresent(),
          differences,
          reclaimed);
    }
    if (live.isEmpty()) {
      return new ObjectOutcome(ChangeSetEntry.of(ref, Action.CREATED), true, false, List.of());
    }
    String message =
        ObjectDiff.describe(differences)
            + (reclaimed.isEmpty()
                ? ""
                : " (taken back from " + String.join(", ", reclaimed) + ")");
    return new ObjectOutcome(
        new ChangeSetEntry(ref, Action.CONFIGURED, message), true, true, differences, reclaimed);
  }

  private static List<String> managers(InteractiveEdits.Reclaim reclaim) {
    Set<ManagedFieldsEntry> entries =
        switch (reclaim) {
          case InteractiveEdits.Reclaim.None n -> Set.of();
          case InteractiveEdits.Reclaim.Drop d -> d.entries();
          case InteractiveEdits.Reclaim.Force f -> f.entries();
        };
    return entries.stream().map(ManagedFieldsEntry::manager).distinct().toList();
  }

  /** Whether both are the same version of the object (a dry-run update keeps its version). */
  private static boolean sameVersion(KubeObject dryRun, KubeObject live) {
    Object a = dryRun.metadata().get("resourceVersion");
    Object b = live.metadata().get("resourceVersion");
    return a == null || b == null || a.equals(b);
  }
}
