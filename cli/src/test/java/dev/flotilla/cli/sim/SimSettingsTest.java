package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimSettingsTest {
  @Test
  void acceptsAPlainRun() {
    assertThat(settings(Duration.ofSeconds(10), 100).port()).isEqualTo(8443);
  }

  @Test
  void namesTheFlagOfAProgressIntervalThatIsNotPositive() {
    assertThatThrownBy(() -> settings(Duration.ZERO, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--progress");
  }

  @Test
  void namesTheFlagOfASessionCacheThatIsNotPositive() {
    // the JDK reads a cache size of 0 as "no limit": not what --session-cache 0 asks for
    assertThatThrownBy(() -> settings(Duration.ofSeconds(10), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--session-cache");
  }

  private static SimSettings settings(Duration progress, int sessionCache) {
    return new SimSettings(
        URI.create("https://127.0.0.1:8443"),
        Path.of("ids"),
        10,
        Duration.ofMinutes(5),
        Duration.ZERO,
        100,
        FaultModel.none(),
        0,
        Duration.ofMinutes(1),
        Duration.ZERO,
        progress,
        sessionCache,
        Path.of("results"));
  }
}
