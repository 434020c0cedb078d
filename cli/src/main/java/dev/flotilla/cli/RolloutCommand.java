package dev.flotilla.cli;

import dev.flotilla.hub.rollout.RolloutViews.ActionRequest;
import dev.flotilla.hub.rollout.RolloutViews.RolloutHistory;
import dev.flotilla.hub.rollout.RolloutViews.RolloutView;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flotilla rollout status|pause|resume|promote|rollback|history BUNDLE}. */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description =
        "Watch and steer staged rollouts (status, pause, resume, promote, rollback, history).",
    subcommands = {
      RolloutCommand.Status.class,
      RolloutCommand.History.class,
      RolloutCommand.Pause.class,
      RolloutCommand.Resume.class,
      RolloutCommand.Promote.class,
      RolloutCommand.Rollback.class
    })
final class RolloutCommand {
  static String path(String bundle) {
    return "/v1/admin/rollouts/" + AdminClient.encode(bundle);
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Show a bundle's rollout: phase, stage, counts, a progress bar, failed clusters and why.")
  static final class Status implements Callable<Integer> {
    @Mixin AdminOptions admin;

    @Parameters(paramLabel = "BUNDLE")
    String bundle;

    @Option(
        names = {"-w", "--watch"},
        description = "redraw every 2s until the rollout completes, rolls back or is superseded")
    boolean watch;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml")
    Output.Format format;

    @Override
    public Integer call() throws InterruptedException {
      try (AdminClient c = admin.client()) {
        if (format == Output.Format.json || format == Output.Format.yaml) {
          Output.raw(c.getRaw(path(bundle)), format, System.out);
          return 0;
        }
        boolean terminal = System.console() != null;
        while (true) {
          RolloutView v = c.get(path(bundle), RolloutView.class);
          if (watch && terminal) {
            System.out.print("\033[H\033[2J");
          }
          RolloutPrinter.status(v, System.out);
          if (!watch || RolloutPrinter.finished(v)) {
            return 0;
          }
          if (!terminal) {
            System.out.println("---");
          }
          Thread.sleep(Duration.ofSeconds(2));
        }
      }
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "List a bundle's rollouts and what happened to each, newest first.")
  static final class History implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(paramLabel = "BUNDLE")
    String bundle;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, json or yaml")
    Output.Format format;

    @Override
    public void run() {
      try (AdminClient c = admin.client()) {
        if (format == Output.Format.json || format == Output.Format.yaml) {
          Output.raw(c.getRaw(path(bundle) + "/history"), format, System.out);
          return;
        }
        RolloutPrinter.history(c.get(path(bundle) + "/history", RolloutHistory.class), System.out);
      }
    }
  }

  /** The four actions: same arguments, same output. */
  abstract static class Action implements Runnable {
    @Mixin AdminOptions admin;

    @Parameters(paramLabel = "BUNDLE")
    String bundle;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the history")
    String reason = "";

    abstract String verb();

    @Override
    public void run() {
      try (AdminClient c = admin.client()) {
        RolloutView v =
            c.post(path(bundle) + "/" + verb(), new ActionRequest(reason), RolloutView.class);
        System.out.println(RolloutPrinter.oneLine(v));
      }
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Stop moving clusters to the new revision; those that moved keep it.")
  static final class Pause extends Action {
    @Override
    String verb() {
      return "pause";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Continue a paused rollout, accepting the failures so far.")
  static final class Resume extends Action {
    @Override
    String verb() {
      return "resume";
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description =
          "Pass the current stage's gate now (the last stage's: complete the rollout), accepting the failures so far.")
  static final class Promote extends Action {
    @Override
    String verb() {
      return "promote";
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description =
          "Return every cluster to the previous revision; this revision is not rolled out again until a newer commit.")
  static final class Rollback extends Action {
    @Override
    String verb() {
      return "rollback";
    }
  }
}
