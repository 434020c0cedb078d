package dev.flotilla.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr and exit code 1: operators see what
 * went wrong and what to do, not a stack trace ({@code FLOTILLA_DEBUG=1} shows it).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    String name = cl.getCommandSpec().qualifiedName();
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    cl.getErr().println(name + ": " + message);
    if (System.getenv("FLOTILLA_DEBUG") != null) {
      ex.printStackTrace(cl.getErr());
    }
    return ex instanceof UsageError ? 2 : 1;
  }

  /** A problem with the command line that picocli could not see (e.g. two flags that clash). */
  static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }
}
