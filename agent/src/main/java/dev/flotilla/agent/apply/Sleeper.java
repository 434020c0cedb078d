package dev.flotilla.agent.apply;

import java.time.Duration;

/** Waits; tests pass one that advances a manual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d);

  void sleep(Duration duration) throws InterruptedException;
}
