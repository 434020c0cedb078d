package dev.flotilla.cli.sim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A simulator run's settings, checked once at start.
 *
 * @param warmUp how long after the start the figures begin (progress lines cover everything)
 * @param connections how many connections may be open to the hub at once
 * @param failing fraction of clusters whose simulated apply fails
 * @param sessionCache TLS sessions kept for resumption (one per cluster needs {@code clusters})
 */
public record SimSettings(
    URI hub,
    Path identities,
    int clusters,
    Duration checkIn,
    Duration longPoll,
    int connections,
    FaultModel faults,
    double failing,
    Duration duration,
    Duration warmUp,
    Duration progress,
    int sessionCache,
    Path results) {
  public SimSettings {
    if (!"https".equals(hub.getScheme()) || hub.getHost() == null) {
      throw new IllegalArgumentException("--hub must be an https:// URL, got " + hub);
    }
    if (connections <= 0) {
      throw new IllegalArgumentException("--connections must be positive, got " + connections);
    }
    if (failing < 0 || failing > 1) {
      throw new IllegalArgumentException("--failing must be in [0, 1], got " + failing);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive, got " + duration);
    }
    if (warmUp.isNegative() || warmUp.compareTo(duration) >= 0) {
      throw new IllegalArgumentException(
          "--warm-up must be shorter than --duration, got " + warmUp);
    }
    if (progress.isNegative() || progress.isZero()) {
      throw new IllegalArgumentException("--progress must be positive, got " + progress);
    }
    if (sessionCache <= 0) {
      throw new IllegalArgumentException(
          "--session-cache must be positive (leave it out for one per cluster), got "
              + sessionCache);
    }
    if (longPoll.toSeconds() > dev.flotilla.protocol.AgentApi.MAX_WAIT_SECONDS) {
      throw new IllegalArgumentException(
          "--long-poll is at most " + dev.flotilla.protocol.AgentApi.MAX_WAIT_SECONDS + "s");
    }
  }

  public int port() {
    return hub.getPort() < 0 ? 443 : hub.getPort();
  }
}
