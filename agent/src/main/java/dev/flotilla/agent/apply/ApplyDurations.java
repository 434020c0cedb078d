package dev.flotilla.agent.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * Every duration of the apply engine, in one place.
 *
 * @param crdEstablishTimeout how long a run waits for its CRDs to be Established before failing the
 *     custom resources that need them
 * @param crdPollInterval how often it looks while waiting
 */
public record ApplyDurations(Duration crdEstablishTimeout, Duration crdPollInterval) {
  public static final ApplyDurations DEFAULT =
      new ApplyDurations(Duration.ofSeconds(30), Duration.ofMillis(500));

  public ApplyDurations {
    Objects.requireNonNull(crdEstablishTimeout, "crdEstablishTimeout");
    Objects.requireNonNull(crdPollInterval, "crdPollInterval");
    if (crdEstablishTimeout.isNegative() || !crdPollInterval.isPositive()) {
      throw new IllegalArgumentException(
          "CRD wait needs a timeout >= 0 and a poll interval > 0, got "
              + crdEstablishTimeout
              + " and "
              + crdPollInterval);
    }
  }
}
