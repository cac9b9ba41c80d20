package io.soundtag.ops.cli;

import io.soundtag.schemas.topic.ClusterAccess;
import io.soundtag.schemas.topic.KafkaConnection;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one line ("soundtag: …") and exits 1; the stack trace goes
 * to the debug log only, because an operator needs to know what to fix, not where it was thrown.
 * A Kafka authentication, authorization or TLS failure anywhere in the causes is told as
 * {@link ClusterAccess#explain} tells it.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    String message = ClusterAccess.explain(connection(commandLine), e)
        .orElse(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    // The full name ("soundtag label add"), so a subcommand's error says which command failed.
    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message.lines().findFirst().orElse(""));
    LoggerFactory.getLogger(OneLineErrors.class).debug("command failed", e);
    return 1;
  }

  /** The connection of the failed command's {@link KafkaOptions}, if it made one: names the user in the message. */
  private static KafkaConnection connection(CommandLine commandLine) {
    for (CommandLine.Model.CommandSpec mixin : commandLine.getCommandSpec().mixins().values()) {
      if (mixin.userObject() instanceof KafkaOptions options) {
        return options.made();
      }
    }
    return null;
  }
}
