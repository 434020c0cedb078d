package dev.flotilla.cli;

import dev.flotilla.agent.Agent;
import dev.flotilla.agent.AgentConfig;
import dev.flotilla.agent.apply.Sleeper;
import dev.flotilla.agent.sync.SyncSettings;
import dev.flotilla.model.Labels;
import dev.flotilla.testkit.kube.InMemoryCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/** A real agent in this JVM, on an in-memory cluster, syncing from a hub URL in a thread. */
final class EdgeAgent implements AutoCloseable {
  static final SyncSettings SYNC =
      new SyncSettings(
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofMinutes(10),
          Duration.ofSeconds(2));

  final String name;
  final InMemoryCluster cluster;
  private final Agent agent;
  private final Thread thread;

  EdgeAgent(String name, Labels labels, String hubUrl, String token, Path dataDir)
      throws IOException {
    this.name = name;
    this.cluster =
        InMemoryCluster.builder()
            .name(name)
            .arch("arm64")
            .memoryMiB(2048)
            .version("v1.30.4+k3s1")
            .nodes(1)
            .build();
    this.agent =
        Agent.open(
            new AgentConfig(
                hubUrl, Optional.of(token), dataDir, name, labels, Optional.empty(), SYNC),
            cluster,
            Clock.systemUTC(),
            Sleeper.REAL,
            new Random(name.hashCode()));
    this.thread =
        Thread.ofVirtual()
            .name("agent-" + name)
            .start(
                () -> {
                  try {
                    agent.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (Exception e) {
                    System.err.println("agent " + name + " stopped: " + e);
                  }
                });
  }

  @Override
  public void close() {
    agent.close();
    thread.interrupt();
    cluster.close();
  }
}
