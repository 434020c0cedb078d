package dev.flotilla.cli.agent;

import dev.flotilla.agent.Agent;
import dev.flotilla.agent.AgentConfig;
import dev.flotilla.agent.kube.KubeCluster;
import dev.flotilla.agent.sync.SyncSettings;
import dev.flotilla.model.Labels;
import dev.flotilla.model.ObjectRef;
import dev.flotilla.testkit.ManualClock;
import dev.flotilla.testkit.kube.InMemoryCluster;
import dev.flotilla.testkit.net.FlakyLink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Random;

/**
 * One edge device on a manual clock: a cluster that outlives agent restarts (in memory, or a real
 * API server), a link to the hub that can be cut (a real TCP proxy), and a real agent that sleeps
 * by moving the clock.
 */
final class EdgeDevice<C extends KubeCluster> implements AutoCloseable {
  /** Plain polls (a held long-poll would take real time), the shipped intervals otherwise. */
  static final SyncSettings SYNC = SyncSettings.DEFAULT.withLongPoll(Duration.ZERO);

  final String name;
  final ManualClock clock;
  final C cluster;
  final FlakyLink link;
  private final AgentConfig config;
  private final long seed;
  private Agent agent;
  private int restarts;

  private EdgeDevice(
      String name,
      InetSocketAddress hub,
      String token,
      Path dataDir,
      long seed,
      ManualClock clock,
      C cluster)
      throws IOException {
    this.name = name;
    this.seed = seed;
    this.clock = clock;
    this.cluster = cluster;
    this.link = new FlakyLink(hub);
    this.config =
        new AgentConfig(
            "https://127.0.0.1:" + link.port(),
            Optional.of(token),
            dataDir,
            name,
            Labels.of("model", "rpi4"),
            Optional.empty(),
            SYNC);
    this.agent = open();
  }

  /** A device whose cluster is an in-memory one on the device's clock. */
  static EdgeDevice<InMemoryCluster> inMemory(
      String name, InetSocketAddress hub, String token, Path dataDir, long seed)
      throws IOException {
    ManualClock clock = now();
    return new EdgeDevice<>(
        name,
        hub,
        token,
        dataDir,
        seed,
        clock,
        InMemoryCluster.builder().name(name).clock(clock).build());
  }

  /** A device that manages {@code cluster}, a real one, say. */
  static <K extends KubeCluster> EdgeDevice<K> of(
      String name, InetSocketAddress hub, String token, Path dataDir, long seed, K cluster)
      throws IOException {
    return new EdgeDevice<>(name, hub, token, dataDir, seed, now(), cluster);
  }

  private static ManualClock now() {
    return new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  Agent agent() {
    return agent;
  }

  /** Stops the agent and starts a new one on the same data directory. */
  void restart() throws IOException {
    restart(() -> {});
  }

  /** Stops the agent, runs {@code whileDown} (to change its files, say), starts a new one. */
  void restart(WhileDown whileDown) throws IOException {
    agent.close();
    whileDown.run();
    agent = open();
    restarts++;
  }

  /** Something done to the device while its agent is stopped. */
  interface WhileDown {
    void run() throws IOException;
  }

  int restarts() {
    return restarts;
  }

  /** One step of the agent, then the clock moves on by what it asked to sleep. */
  Duration step() throws Exception {
    Duration wait = agent.step();
    clock.advance(wait.isZero() ? Duration.ofMillis(1) : wait);
    return wait;
  }

  /** Steps until {@code span} of simulated time has passed; returns the longest sleep. */
  Duration runFor(Duration span) throws Exception {
    Instant end = clock.instant().plus(span);
    Duration longest = Duration.ZERO;
    while (clock.instant().isBefore(end)) {
      Duration wait = step();
      longest = wait.compareTo(longest) > 0 ? wait : longest;
    }
    return longest;
  }

  boolean has(ObjectRef ref) {
    return cluster.get(ref).isPresent();
  }

  private Agent open() throws IOException {
    return Agent.open(config, cluster, clock, clock::advance, new Random(seed + restarts));
  }

  @Override
  public void close() throws IOException {
    agent.close();
    link.close();
    cluster.close();
  }
}
