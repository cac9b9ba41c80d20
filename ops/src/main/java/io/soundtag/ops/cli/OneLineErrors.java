package io.soundtag.ops.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one line ("soundtag: …") and exits 1; the stack trace goes
 * to the debug log only, because an operator needs to know what to fix, not where it was thrown.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // The full name ("soundtag label add"), so a subcommand's error says which command failed.
    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message.lines().findFirst().orElse(""));
    LoggerFactory.getLogger(OneLineErrors.class).debug("command failed", e);
    return 1;
  }
}
