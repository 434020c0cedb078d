package dev.flotilla.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code flotilla sim --hub URL --clusters N}: simulated agents for load and fault tests. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Run simulated agents against a hub for load and fault tests.")
final class SimCommand extends NotAvailableYet {
  @Unmatched java.util.List<String> args;

  @Override
  String arrivesWith() {
    return "the fleet simulator";
  }
}
