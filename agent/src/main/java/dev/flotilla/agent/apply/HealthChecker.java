package dev.flotilla.agent.apply;

import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeException;
import dev.flotilla.model.KubeObject;
import dev.flotilla.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the live objects of an inventory and rolls their health up with {@link HealthRules}. */
final class HealthChecker {
  private final KubeCluster cluster;

  HealthChecker(KubeCluster cluster) {
    this.cluster = cluster;
  }

  BundleHealth check(List<ObjectRef> refs) {
    List<ObjectHealth> objects = new ArrayList<>();
    for (ObjectRef ref : refs) {
      objects.add(checkOne(ref));
    }
    return BundleHealth.of(objects);
  }

  private ObjectHealth checkOne(ObjectRef ref) {
    try {
      Optional<KubeObject> live = cluster.get(ref);
      return live.map(HealthRules::assess)
          .orElseGet(() -> new ObjectHealth(ref, ObjectHealth.Status.NOT_FOUND, "not found"));
    } catch (KubeException.UnknownKind e) {
      return new ObjectHealth(ref, ObjectHealth.Status.NOT_FOUND, e.getMessage());
    }
  }
}
