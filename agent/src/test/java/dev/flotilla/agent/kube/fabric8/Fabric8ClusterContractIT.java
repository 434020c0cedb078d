package dev.flotilla.agent.kube.fabric8;

import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeClusterContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The KubeCluster contract against a real kube-apiserver (Kubernetes 1.20, see RealApiServer). */
@ExtendWith(RealApiServer.class)
class Fabric8ClusterContractIT extends KubeClusterContract {
  private static Fabric8Cluster cluster;

  @BeforeAll
  static void connect() {
    cluster = Fabric8Cluster.fromKubeconfig(RealApiServer.kubeconfig());
  }

  @AfterAll
  static void disconnect() {
    cluster.close();
  }

  @Override
  protected KubeCluster cluster() {
    return cluster;
  }

  /** The same credentials, pointed at a port nothing listens on. */
  @Override
  protected KubeCluster unreachableCluster() {
    try {
      String text = Files.readString(RealApiServer.kubeconfig());
      Path dead = Files.createTempFile("unreachable", ".kubeconfig");
      Files.writeString(
          dead, text.replaceAll("https://127\\.0\\.0\\.1:\\d+", "https://127.0.0.1:1"));
      return Fabric8Cluster.fromKubeconfig(dead);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
