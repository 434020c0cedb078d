package dev.flotilla.testkit.kube;

import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.kube.KubeClusterContract;

/** The KubeCluster contract against the in-memory cluster. */
class InMemoryClusterContractTest extends KubeClusterContract {
  private final InMemoryCluster cluster = InMemoryCluster.create();

  @Override
  protected KubeCluster cluster() {
    return cluster;
  }

  @Override
  protected KubeCluster unreachableCluster() {
    InMemoryCluster down = InMemoryCluster.create();
    down.setReachable(false);
    return down;
  }
}
