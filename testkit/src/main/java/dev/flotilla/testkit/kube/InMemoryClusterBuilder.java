package dev.flotilla.testkit.kube;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Configures an {@link InMemoryCluster}: its name, clock, reported version, nodes (architecture,
 * memory), RuntimeClasses, workload simulator, and whether CRDs are established at once.
 */
public final class InMemoryClusterBuilder {
  String name = "in-memory";
  Clock clock = Clock.systemUTC();
  String gitVersion = "v1.30.4+k3s1";
  String arch = "amd64";
  long memoryMiB = 4096;
  int nodes = 1;
  List<String> runtimeClasses = List.of();
  WorkloadSimulator simulator = WorkloadSimulator.readyAtOnce();
  boolean establishCrdsAtOnce = true;

  InMemoryClusterBuilder() {}

  /** Names the cluster in messages and seeds its uids. */
  public InMemoryClusterBuilder name(String name) {
    this.name = Objects.requireNonNull(name);
    return this;
  }

  /** Timestamps of objects and managed fields. */
  public InMemoryClusterBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return this;
  }

  public InMemoryClusterBuilder version(String gitVersion) {
    this.gitVersion = Objects.requireNonNull(gitVersion);
    return this;
  }

  public InMemoryClusterBuilder arch(String arch) {
    this.arch = Objects.requireNonNull(arch);
    return this;
  }

  /** Allocatable memory over all nodes. */
  public InMemoryClusterBuilder memoryMiB(long memoryMiB) {
    if (memoryMiB < 0) {
      throw new IllegalArgumentException("memory must not be negative: " + memoryMiB);
    }
    this.memoryMiB = memoryMiB;
    return this;
  }

  public InMemoryClusterBuilder nodes(int nodes) {
    if (nodes < 0) {
      throw new IllegalArgumentException("node count must not be negative: " + nodes);
    }
    this.nodes = nodes;
    return this;
  }

  /** RuntimeClass objects present from the start (handler = name). */
  public InMemoryClusterBuilder runtimeClasses(String... names) {
    this.runtimeClasses = List.of(names);
    return this;
  }

  public InMemoryClusterBuilder workloads(WorkloadSimulator simulator) {
    this.simulator = Objects.requireNonNull(simulator);
    return this;
  }

  /**
   * When false, applied CRDs stay un-established (their kinds unserved) until {@link
   * InMemoryCluster#establishPendingCrds()}.
   */
  public InMemoryClusterBuilder establishCrdsAtOnce(boolean atOnce) {
    this.establishCrdsAtOnce = atOnce;
    return this;
  }

  public InMemoryCluster build() {
    return new InMemoryCluster(this);
  }
}
