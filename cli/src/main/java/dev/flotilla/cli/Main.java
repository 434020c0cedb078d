package dev.flotilla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the one executable: {@code flotilla <command>}. */
@Command(
    name = "flotilla",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "GitOps fleet management for edge Kubernetes.",
    subcommands = {
      HubCommand.class,
      AgentCommand.class,
      TokenCommand.class,
      ClusterCommand.class,
      BundleCommand.class,
      SourceCommand.class,
      RolloutCommand.class,
      RenderCommand.class,
      KustomizeCommand.class,
      DemoCommand.class,
      dev.flotilla.cli.sim.SimCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
