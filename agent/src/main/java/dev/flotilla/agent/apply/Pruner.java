package dev.flotilla.agent.apply;

import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes objects a bundle no longer contains, in {@link ApplyOrder#PRUNE} order (Namespaces and
 * CRDs last), but only those that still carry the bundle's label and are not annotated {@code
 * flotilla.dev/prune: disabled}; objects Flotilla never applied are never in an inventory, so never
 * touched. Deleting a Namespace deletes everything in it, whoever applied it: that is Kubernetes,
 * and the reason to annotate a shared namespace.
 */
final class Pruner {
  private final KubeCluster cluster;

  Pruner(KubeCluster cluster) {
    this.cluster = cluster;
  }

  ChangeSet prune(String bundle, List<ObjectRef> stale) {
    List<ObjectRef> ordered = new ArrayList<>(stale);
    ordered.sort(ApplyOrder.PRUNE);
    List<ChangeSetEntry> entries = new ArrayList<>();
    for (ObjectRef ref : ordered) {
      entries.add(pruneOne(bundle, ref));
    }
    return new ChangeSet(entries);
  }

  /** Every stale object SKIPPED, for a bundle with pruning turned off. */
  static ChangeSet skipAll(List<ObjectRef> stale) {
    return new ChangeSet(
        stale.stream()
            .sorted(ApplyOrder.PRUNE)
            .map(r -> new ChangeSetEntry(r, Action.SKIPPED, "pruning is disabled for the bundle"))
            .toList());
  }

  private ChangeSetEntry pruneOne(String bundle, ObjectRef ref) {
    Optional<KubeObject> live;
    try {
      live = cluster.get(ref);
    } catch (KubeException.UnknownKind e) {
      return new ChangeSetEntry(ref, Action.SKIPPED, "kind no longer served; nothing to delete");
    }
    if (live.isEmpty()) {
      return new ChangeSetEntry(ref, Action.SKIPPED, "already gone");
    }
    if (!BundleLabels.belongsTo(live.get(), bundle)) {
      return new ChangeSetEntry(
          ref,
          Action.SKIPPED,
          "no longer labelled " + BundleLabels.BUNDLE + "=" + bundle + "; left alone");
    }
    if (BundleLabels.pruneDisabled(live.get())) {
      return new ChangeSetEntry(
          ref,
          Action.SKIPPED,
          "annotated " + BundleLabels.PRUNE + ": " + BundleLabels.PRUNE_DISABLED);
    }
    try {
      cluster.delete(ref);
      return ChangeSetEntry.of(ref, Action.DELETED);
    } catch (KubeException.Unavailable e) {
      throw e;
    } catch (KubeException e) {
      return new ChangeSetEntry(ref, Action.FAILED, "delete failed: " + e.getMessage());
    }
  }
}
