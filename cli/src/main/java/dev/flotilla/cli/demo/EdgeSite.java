package dev.flotilla.cli.demo;

import dev.flotilla.agent.Agent;
import dev.flotilla.agent.AgentConfig;
import dev.flotilla.agent.apply.Sleeper;
import dev.flotilla.agent.sync.SyncSettings;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.kube.InMemoryCluster;
import dev.flotilla.testkit.kube.WorkloadSimulator;
import dev.flotilla.testkit.net.FlakyLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;

/**
 * One simulated edge site: an in-memory Kubernetes cluster, a link to the hub that can drop, and a
 * real agent that reaches the hub only through that link.
 */
final class EdgeSite implements AutoCloseable {
  private final String name;
  private final InMemoryCluster cluster;
  private final FlakyLink link;
  private final Agent agent;
  private Thread thread;

  EdgeSite(
      String name,
      Labels labels,
      String arch,
      long memoryMiB,
      InetSocketAddress hub,
      String token,
      Path dataDir,
      SyncSettings sync,
      WorkloadSimulator workloads,
      long seed)
      throws IOException {
    this.name = name;
    this.cluster =
        InMemoryCluster.builder()
            .name(name)
            .arch(arch)
            .memoryMiB(memoryMiB)
            .version("v1.30.4+k3s1")
            .nodes(1)
            .workloads(workloads)
            .build();
    this.link = new FlakyLink(hub);
    AgentConfig config =
        new AgentConfig(
            "https://127.0.0.1:" + link.port(),
            Optional.of(token),
            dataDir,
            name,
            labels,
            Optional.empty(),
            sync);
    this.agent = Agent.open(config, cluster, Clock.systemUTC(), Sleeper.REAL, new Random(seed));
  }

  void start() {
    thread =
        Thread.ofVirtual()
            .name("agent-" + name)
            .start(
                () -> {
                  try {
                    agent.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (Exception e) {
                    System.err.println("agent " + name + " stopped: " + e.getMessage());
                  }
                });
  }

  String name() {
    return name;
  }

  FlakyLink link() {
    return link;
  }

  InMemoryCluster cluster() {
    return cluster;
  }

  @Override
  public void close() throws IOException {
    agent.close();
    if (thread != null) {
      thread.interrupt();
    }
    link.close();
    cluster.close();
  }
}
