package dev.flotilla.cli;

import dev.flotilla.cli.demo.DemoRun;
import dev.flotilla.model.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla demo}: a whole fleet on this machine, converging live. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start a hub, a sample fleet repository and N edge clusters; commit a change and watch it converge.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--clusters",
      defaultValue = "25",
      description = "number of edge clusters (default: ${DEFAULT-VALUE})")
  int clusters;

  @Option(
      names = "--flaky",
      defaultValue = "0",
      paramLabel = "FRACTION",
      description = "fraction of the time each link is down, 0-0.9 (default: ${DEFAULT-VALUE})")
  double flaky;

  @Option(
      names = "--serve",
      description = "keep the hub running after converging, and print its URL")
  boolean serve;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "work directory (default: a new temporary one, removed afterwards)")
  Path dir;

  @Option(
      names = "--timeout",
      defaultValue = "120s",
      description = "give up after this long (default: ${DEFAULT-VALUE})")
  String timeout;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "random seed for links and jitter (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (flaky < 0 || flaky > 0.9) {
      throw new ErrorHandler.UsageError("--flaky must be between 0 and 0.9, got " + flaky);
    }
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("flotilla-demo-") : dir.toAbsolutePath();
    Files.createDirectories(work);
    // The hub's and 25 agents' logs would bury the progress bar: they go to a file. This must
    // happen before the first logger is created (slf4j-simple reads its settings once).
    Path log = work.resolve("demo.log");
    System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
    int code = 1;
    try {
      code =
          new DemoRun(
                  new DemoRun.Options(
                      clusters, flaky, work, serve, DurationText.parse(timeout), seed),
                  Renderers.standard(),
                  System.out,
                  System.console() != null)
              .run();
      return code;
    } finally {
      if (code != 0) {
        System.out.println("Last lines of the hub's and agents' log (" + log + "):");
        if (Files.exists(log)) {
          java.util.List<String> lines = Files.readAllLines(log);
          lines
              .subList(Math.max(0, lines.size() - 30), lines.size())
              .forEach(l -> System.out.println("  " + l));
        }
      }
      if (temporary && code == 0) {
        try (Stream<Path> s = Files.walk(work)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
