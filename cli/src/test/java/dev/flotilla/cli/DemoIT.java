package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.cli.demo.DemoRun;
import dev.flotilla.render.KustomizeBundleRenderer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, small: a hub, the sample repository, a few sites on flaky links, a
 * change rolled out in stages, and a change that fails on rpi4 and is rolled back.
 */
class DemoIT {
  @TempDir Path dir;

  @Test
  void aSmallFleetConvergesOnTheChangeAndExitsZero() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        new DemoRun(
                new DemoRun.Options(4, 0.2, dir, false, Duration.ofSeconds(120), 7),
                KustomizeBundleRenderer.withDefaults(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                false)
            .run();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    assertThat(text)
        .contains("Converged: all 4 clusters run")
        .containsPattern("telemetry\\s+[0-9a-f]{7}\\s+4/4")
        .containsPattern("inference\\s+[0-9a-f]{7}\\s+\\d/\\d\\s+\\d \\(needs arch amd64");
    String staged = commit(text, "telemetry: collector 1.5.0");
    String broken = commit(text, "telemetry: collector 1.6.0");
    // the staged change went through its stages; the breaking one was rolled back on rpi4 failures
    assertThat(text)
        .contains("rollout: stage 1/3 (10%) passed")
        .contains("rollout: complete: every stage passed")
        .containsPattern(
            "Rolled back: " + broken + " failed health and was rolled back automatically")
        .containsPattern(
            "failed, more than the failure threshold allows \\(0\\): [a-z-]+-rpi4-\\d+")
        .contains("rollout: every reachable cluster runs revision " + staged + " again");
    // and "latest" is the latest revision that was not rolled back
    assertThat(text)
        .contains("Converged: all 4 clusters run " + staged + " of telemetry")
        .containsPattern("telemetry\\s+" + staged + "\\s+4/4");
  }

  /** The short id of the commit whose message starts with {@code message}, as the demo printed. */
  private static String commit(String text, String message) {
    Matcher m =
        Pattern.compile("Committed ([0-9a-f]{7}): \"" + Pattern.quote(message)).matcher(text);
    assertThat(m.find()).as("a commit '%s' in:%n%s", message, text).isTrue();
    return m.group(1);
  }
}
