package dev.flotilla.cli;

import java.util.concurrent.Callable;

/**
 * Base of commands whose implementation has not landed: they say so plainly and exit 3 instead of
 * pretending to work.
 */
abstract class NotAvailableYet implements Callable<Integer> {
  static final int EXIT_NOT_AVAILABLE = 3;

  /** What will provide the command, e.g. "the staged rollouts work". */
  abstract String arrivesWith();

  @Override
  public Integer call() {
    System.err.println(
        "flotilla: this command is not available yet; it arrives with " + arrivesWith() + ".");
    return EXIT_NOT_AVAILABLE;
  }
}
