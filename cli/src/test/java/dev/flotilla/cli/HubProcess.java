package dev.flotilla.cli;

import static org.awaitility.Awaitility.await;

import dev.flotilla.hub.admin.AdminConf;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A hub as a real process: {@code java -jar target/flotilla-all.jar hub …} on a fixed loopback
 * port, its output in {@code <data-dir>.log}. Killed with SIGKILL ({@link #kill}) or stopped with
 * SIGTERM ({@link #stop}); restartable on the same port and data directory.
 */
final class HubProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "flotilla-all.jar");

  private final Path dataDir;
  private final int port;
  private final List<String> args;
  private final Path log;
  private Process process;

  /**
   * @param args further {@code flotilla hub} arguments ({@code --db}, intervals…)
   */
  HubProcess(Path dataDir, int port, List<String> args) {
    this.dataDir = dataDir;
    this.port = port;
    this.args = List.copyOf(args);
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts the process and waits until it answers {@code /healthz} over HTTPS. */
  HubProcess start() throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run the cli module's package phase first");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(
        List.of(
            "-jar",
            JAR.toString(),
            "hub",
            "--data-dir",
            dataDir.toString(),
            "--listen",
            "127.0.0.1:" + port));
    cmd.addAll(args);
    Files.createDirectories(dataDir);
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("hub exited: " + logTail());
                }
                return Files.isRegularFile(adminConf()) && healthy();
              });
    } catch (RuntimeException e) {
      throw new IllegalStateException("hub on port " + port + " did not start: " + logTail(), e);
    }
    return this;
  }

  private boolean healthy() {
    try (AdminClient c = client()) {
      return new String(c.getRaw("/healthz"), StandardCharsets.UTF_8).startsWith("ok");
    } catch (RuntimeException e) {
      return false;
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "https://127.0.0.1:" + port;
  }

  Path adminConf() {
    return dataDir.resolve("admin.conf");
  }

  /** An admin client for this hub, with this hub's admin.conf. */
  AdminClient client() {
    AdminConf c = AdminConf.read(adminConf());
    return new AdminClient(new AdminConf(url(), c.caCertificate(), c.token()));
  }

  /** An admin client for this hub with another replica's admin.conf (token and CA). */
  AdminClient clientWith(Path otherAdminConf) {
    AdminConf c = AdminConf.read(otherAdminConf);
    return new AdminClient(new AdminConf(url(), c.caCertificate(), c.token()));
  }

  String metrics() {
    try (AdminClient c = client()) {
      return new String(c.getRaw("/metrics"), StandardCharsets.UTF_8);
    }
  }

  /** Whether this replica says it holds the leader lease; false if it does not answer. */
  boolean leader() {
    try {
      return metrics().lines().anyMatch(l -> l.equals("flotilla_hub_leader 1"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM and wait. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
