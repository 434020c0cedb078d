package dev.flotilla.model;

import java.util.List;

/**
 * What an agent reports about its cluster; {@link Requirements} gate bundles on these.
 *
 * @param arch CPU architecture as Kubernetes names it ({@code amd64}, {@code arm64}, ...)
 * @param memoryMiB allocatable memory summed over nodes
 * @param kubernetesVersion the API server's git version, e.g. {@code v1.30.4+k3s1}
 * @param distro {@code k3s}, {@code k0s}, {@code microk8s}, {@code kubernetes}, ...
 * @param runtimeClasses names of the cluster's RuntimeClass objects
 * @param nodes number of nodes
 * @param agentVersion the Flotilla agent's version
 */
public record Facts(
    String arch,
    long memoryMiB,
    String kubernetesVersion,
    String distro,
    List<String> runtimeClasses,
    int nodes,
    String agentVersion) {
  public static final Facts UNKNOWN = new Facts("", 0, "", "", List.of(), 0, "");

  public Facts {
    arch = arch == null ? "" : arch;
    kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion;
    distro = distro == null ? "" : distro;
    runtimeClasses = List.copyOf(runtimeClasses == null ? List.of() : runtimeClasses);
    agentVersion = agentVersion == null ? "" : agentVersion;
    if (memoryMiB < 0 || nodes < 0) {
      throw new IllegalArgumentException("memoryMiB and nodes must not be negative");
    }
  }
}
