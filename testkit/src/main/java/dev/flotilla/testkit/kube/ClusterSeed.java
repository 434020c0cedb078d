package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.ClusterInfo;
import dev.flotilla.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects a fresh cluster has: the standard namespaces, its nodes (from which {@code info()}
 * reads architecture and memory, as on a real cluster) and RuntimeClasses. Pure.
 */
final class ClusterSeed {
  private static final List<String> NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private ClusterSeed() {}

  static List<KubeObject> objects(InMemoryClusterBuilder b) {
    List<KubeObject> out = new ArrayList<>();
    for (String ns : NAMESPACES) {
      out.add(object("v1", "Namespace", ns, Map.of()));
    }
    for (int i = 0; i < b.nodes; i++) {
      long mib = b.memoryMiB / b.nodes + (i == 0 ? b.memoryMiB % b.nodes : 0);
      String name = "node-" + i;
      out.add(
          KubeObject.of(
              Map.of(
                  "apiVersion",
                  "v1",
                  "kind",
                  "Node",
                  "metadata",
                  Map.of(
                      "name",
                      name,
                      "labels",
                      Map.of(
                          ClusterInfo.ARCH_LABEL,
                          b.arch,
                          "kubernetes.io/os",
                          "linux",
                          "kubernetes.io/hostname",
                          name)),
                  "status",
                  Map.of(
                      "allocatable", Map.of("memory", mib + "Mi"),
                      "nodeInfo",
                          Map.of("architecture", b.arch, "kubeletVersion", b.gitVersion)))));
    }
    for (String rc : b.runtimeClasses) {
      out.add(object("node.k8s.io/v1", "RuntimeClass", rc, Map.of("handler", rc)));
    }
    return out;
  }

  private static KubeObject object(
      String apiVersion, String kind, String name, Map<String, Object> fields) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("apiVersion", apiVersion);
    body.put("kind", kind);
    body.put("metadata", Map.of("name", name));
    body.putAll(fields);
    return KubeObject.of(body);
  }
}
