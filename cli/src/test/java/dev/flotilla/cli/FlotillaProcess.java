package dev.flotilla.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code flotilla} process from the shaded jar (built in the package phase, before the
 * integration tests), with its output in a log file.
 */
final class FlotillaProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "flotilla-all.jar").toAbsolutePath();

  private final Process process;
  private final Path log;

  private FlotillaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static FlotillaProcess start(Path log, String... args) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(
          JAR + " is missing: run the integration tests with `./mvnw verify`");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new FlotillaProcess(p, log);
  }

  /** Runs a command to completion; returns exit code and output. */
  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "cmd", ".out");
    Path err = Files.createTempFile(workDir, "cmd", ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "flotilla " + String.join(" ", args) + " did not finish in 60s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** A finished command. */
  record Result(int exitCode, String stdout, String stderr) {}

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
