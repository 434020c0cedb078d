package dev.flotilla.agent.apply;

import dev.flotilla.model.BundleOptions;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a bundle's objects in two stages, as Flux's ApplyAllStaged: Namespaces and CRDs, then a
 * bounded wait until those CRDs are Established, then the rest, all in {@link ApplyOrder}. Custom
 * resources whose CRD (from this bundle) never became established fail without being tried; an
 * object listed twice fails the second time.
 */
final class StagedApplier {
  private final ObjectApplier applier;
  private final CrdWaiter waiter;
  private final ApplyDurations durations;

  StagedApplier(ObjectApplier applier, CrdWaiter waiter, ApplyDurations durations) {
    this.applier = applier;
    this.waiter = waiter;
    this.durations = durations;
  }

  /** One outcome per object, in the order applied. */
  List<ObjectOutcome> apply(String bundle, List<KubeObject> objects, BundleOptions options) {
    List<KubeObject> sorted = new ArrayList<>(objects);
    sorted.sort((a, b) -> ApplyOrder.APPLY.compare(a.ref(), b.ref()));
    List<ObjectOutcome> outcomes = new ArrayList<>();
    List<KubeObject> stageTwo = new ArrayList<>();
    List<ObjectRef> seen = new ArrayList<>();
    Map<String, KubeObject> crdsApplied = new HashMap<>();
    for (KubeObject o : sorted) {
      if (seen.stream().anyMatch(o.ref()::sameObject)) {
        outcomes.add(ObjectOutcome.failed(o.ref(), "listed more than once in bundle " + bundle));
        continue;
      }
      seen.add(o.ref());
      if (!ApplyOrder.isClusterDefinition(o.ref())) {
        stageTwo.add(o);
        continue;
      }
      ObjectOutcome outcome = applier.apply(bundle, o, options);
      outcomes.add(outcome);
      if (ApplyOrder.isCrd(o.ref()) && outcome.succeeded()) {
        crdsApplied.put(o.name(), o);
      }
    }
    Map<String, String> blocked = notEstablished(crdsApplied);
    for (KubeObject o : stageTwo) {
      String crd = blocked.get(o.ref().groupKind());
      outcomes.add(
          crd != null
              ? ObjectOutcome.failed(
                  o.ref(),
                  "CustomResourceDefinition "
                      + crd
                      + " not established after "
                      + durations.crdEstablishTimeout().toSeconds()
                      + "s")
              : applier.apply(bundle, o, options));
    }
    return outcomes;
  }

  /** group/kind (as {@link ObjectRef#groupKind()}) to the name of its unestablished CRD. */
  private Map<String, String> notEstablished(Map<String, KubeObject> crds) {
    if (crds.isEmpty()) {
      return Map.of();
    }
    List<ObjectRef> refs = crds.values().stream().map(KubeObject::ref).toList();
    Map<String, String> blocked = new HashMap<>();
    for (ObjectRef pending : waiter.awaitEstablished(refs)) {
      KubeObject crd = crds.get(pending.name());
      String group = crd.at("spec.group").map(String::valueOf).orElse("");
      String kind = crd.at("spec.names.kind").map(String::valueOf).orElse("");
      blocked.put(group.isEmpty() ? kind : kind + "." + group, crd.name());
    }
    return blocked;
  }
}
