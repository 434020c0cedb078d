package dev.flotilla.cli;

import dev.flotilla.hub.admin.AdminViews.ClusterBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code -o table|wide|json|yaml}, shared by every admin command that shows something. */
final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, wide, json or yaml (default: ${DEFAULT-VALUE})")
  Output.Format format;

  /**
   * Prints the API's answer at {@code path} as JSON or YAML if asked for; else runs {@code human}.
   */
  void show(AdminClient client, String path, Runnable human) {
    if (format == Output.Format.json || format == Output.Format.yaml) {
      Output.raw(client.getRaw(path), format, System.out);
    } else {
      human.run();
    }
  }

  /** Like {@link #show(AdminClient, String, Runnable)} with the JSON from {@code raw}. */
  void show(Supplier<byte[]> raw, Runnable human) {
    if (format == Output.Format.json || format == Output.Format.yaml) {
      Output.raw(raw.get(), format, System.out);
    } else {
      human.run();
    }
  }

  boolean wide() {
    return format == Output.Format.wide;
  }

  /** The per-cluster bundle table of {@code cluster get} and {@code bundle status}. */
  static void bundleTable(
      String firstHeader, List<ClusterBundle> rows, Function<ClusterBundle, String> first) {
    List<List<String>> table = new ArrayList<>();
    for (ClusterBundle b : rows) {
      table.add(
          List.of(
              first.apply(b),
              b.state(),
              Output.shortRev(b.revision()),
              Output.shortRev(b.reportedRevision()),
              b.health().isEmpty() ? "<none>" : b.health(),
              !b.message().isEmpty() ? b.message() : b.reportedMessage()));
    }
    Output.table(
        List.of(firstHeader, "STATE", "REVISION", "REPORTED", "HEALTH", "MESSAGE"),
        table,
        System.out);
  }
}
