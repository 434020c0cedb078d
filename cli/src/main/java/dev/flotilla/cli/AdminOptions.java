package dev.flotilla.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}, shared by every admin command. */
final class AdminOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "admin.conf written by the hub (default: $FLOTILLA_CONFIG)")
  Path config;

  AdminClient client() {
    return AdminClient.fromConfig(config);
  }
}
