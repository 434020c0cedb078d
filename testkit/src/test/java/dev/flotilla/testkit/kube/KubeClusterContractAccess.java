package dev.flotilla.testkit.kube;

import dev.flotilla.model.KubeObject;
import java.util.List;
import java.util.Map;

/** Reads managed fields the way the contract does, for tests of this package. */
final class KubeClusterContractAccess {
  private KubeClusterContractAccess() {}

  static List<String> managers(KubeObject o) {
    return o.at("metadata.managedFields").stream()
        .flatMap(l -> ((List<?>) l).stream())
        .map(e -> (Map<?, ?>) e)
        .map(e -> e.get("manager") + "/" + e.get("operation"))
        .toList();
  }
}
