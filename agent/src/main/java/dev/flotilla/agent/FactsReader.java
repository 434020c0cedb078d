package dev.flotilla.agent;

import dev.flotilla.agent.kube.ClusterInfo;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.model.Facts;
import dev.flotilla.model.FlotillaVersion;
import java.util.Locale;
import java.util.function.Supplier;

/** Reads the facts the hub targets on from the cluster's API. */
public final class FactsReader implements Supplier<Facts> {
  private final KubeCluster cluster;

  public FactsReader(KubeCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Facts get() {
    ClusterInfo info = cluster.info();
    return new Facts(
        info.arch(),
        info.memoryMiB(),
        info.gitVersion(),
        distro(info.gitVersion()),
        info.runtimeClasses(),
        info.nodes(),
        FlotillaVersion.current());
  }

  /** The distribution, from the build suffix of the server version (pure). */
  static String distro(String gitVersion) {
    String v = gitVersion.toLowerCase(Locale.ROOT);
    if (v.contains("k3s")) {
      return "k3s";
    }
    if (v.contains("k0s")) {
      return "k0s";
    }
    if (v.contains("rke2")) {
      return "rke2";
    }
    if (v.contains("eks")) {
      return "eks";
    }
    if (v.contains("gke")) {
      return "gke";
    }
    return v.isEmpty() ? "" : "kubernetes";
  }
}
