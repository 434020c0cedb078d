package dev.flotilla.agent.kube;

import dev.flotilla.model.KubeObject;
import java.util.Comparator;
import java.util.List;

/**
 * What the agent reads from the API server for its facts.
 *
 * @param gitVersion the server's version, e.g. {@code v1.30.4+k3s1}
 * @param arch the architecture of the (first, by name) node; {@code ""} without nodes
 * @param memoryMiB allocatable memory over all nodes
 * @param nodes node count
 * @param runtimeClasses names of RuntimeClass objects, sorted
 */
public record ClusterInfo(
    String gitVersion, String arch, long memoryMiB, int nodes, List<String> runtimeClasses) {
  public static final String ARCH_LABEL = "kubernetes.io/arch";

  public ClusterInfo {
    runtimeClasses = runtimeClasses.stream().sorted().toList();
  }

  /**
   * Facts from Node objects as the API serves them (pure): the arch label, else {@code
   * status.nodeInfo.architecture}; the sum of {@code status.allocatable.memory}. A node with an
   * unreadable memory quantity counts as 0 rather than hiding the others.
   */
  public static ClusterInfo of(String gitVersion, List<KubeObject> nodes, List<String> runtime) {
    List<KubeObject> sorted =
        nodes.stream().sorted(Comparator.comparing(KubeObject::name)).toList();
    String arch = sorted.isEmpty() ? "" : archOf(sorted.get(0));
    long bytes = 0;
    for (KubeObject node : sorted) {
      bytes += node.at("status.allocatable.memory").map(ClusterInfo::bytesOrZero).orElse(0L);
    }
    return new ClusterInfo(gitVersion, arch, bytes / (1024 * 1024), sorted.size(), runtime);
  }

  private static String archOf(KubeObject node) {
    String label = node.labels().get(ARCH_LABEL);
    if (label != null && !label.isBlank()) {
      return label;
    }
    return node.at("status.nodeInfo.architecture").map(String::valueOf).orElse("");
  }

  private static long bytesOrZero(Object quantity) {
    try {
      return MemoryQuantity.bytes(String.valueOf(quantity));
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }
}
