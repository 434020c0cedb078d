package dev.flotilla.agent.kube.fabric8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real kube-apiserver for integration tests: reuses the one {@code tools/real-apiserver.sh}
 * already runs, or starts it (building it first if this machine never did, ~7 minutes). Fails the
 * tests, never skips them, when there is none. {@code FLOTILLA_KUBECONFIG} points the tests at
 * another cluster instead. The server is left running for the next test run.
 */
public final class RealApiServer implements BeforeAllCallback {
  private static final long START_TIMEOUT_MINUTES = 30;
  private static Path kubeconfig;

  @Override
  public void beforeAll(ExtensionContext context) {
    kubeconfig();
  }

  /** The kubeconfig of the running server; starts it on first use. */
  public static synchronized Path kubeconfig() {
    if (kubeconfig == null) {
      String override = System.getenv("FLOTILLA_KUBECONFIG");
      kubeconfig = override != null && !override.isBlank() ? Path.of(override) : start();
    }
    return kubeconfig;
  }

  private static Path start() {
    Path script = findScript();
    try {
      Path log = Files.createTempFile("real-apiserver", ".log");
      Process p =
          new ProcessBuilder("bash", script.toString(), "start")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(START_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(
            script + " start did not finish in " + START_TIMEOUT_MINUTES + " minutes; see " + log);
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      for (String line : out.split("\n")) {
        if (p.exitValue() == 0 && line.startsWith("KUBECONFIG=")) {
          return Path.of(line.substring("KUBECONFIG=".length()).trim());
        }
      }
      throw new AssertionError(
          "no real kube-apiserver for the integration tests: "
              + script
              + " start exited "
              + p.exitValue()
              + " without printing KUBECONFIG=...; output:\n"
              + out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while starting the real kube-apiserver", e);
    }
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("tools/real-apiserver.sh");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new AssertionError(
        "tools/real-apiserver.sh not found above " + Path.of("").toAbsolutePath());
  }
}
