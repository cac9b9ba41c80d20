package io.soundtag.ops.cli;

import io.soundtag.ops.bench.BenchCommand;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.TopicsCommand;
import io.soundtag.ops.dashboard.DashboardCommand;
import io.soundtag.ops.demo.DemoCommand;
import io.soundtag.ops.eval.EvalCommand;
import io.soundtag.ops.features.FeaturesCommand;
import io.soundtag.ops.ingest.IngestCommand;
import io.soundtag.ops.label.LabelCommand;
import io.soundtag.ops.levels.CalibrateCommand;
import io.soundtag.ops.levels.LevelsCommand;
import io.soundtag.ops.model.ModelCommand;
import io.soundtag.ops.tag.TagCommand;
import io.soundtag.ops.tail.TailCommand;
import io.soundtag.ops.train.TrainCommand;
import io.soundtag.ops.trainer.TrainerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code soundtag}: every part of the system, from one command. */
@Command(
    name = "soundtag",
    mixinStandardHelpOptions = true,
    versionProvider = SoundtagVersion.class,
    description = "Streaming, real-time audio tagging on Kafka.",
    subcommands = {
      DemoCommand.class,
      BrokerCommand.class,
      TopicsCommand.class,
      IngestCommand.class,
      TagCommand.class,
      ModelCommand.class,
      TrainCommand.class,
      TrainerCommand.class,
      LabelCommand.class,
      EvalCommand.class,
      TailCommand.class,
      DashboardCommand.class,
      FeaturesCommand.class,
      LevelsCommand.class,
      CalibrateCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SoundtagCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SoundtagCommand());
    cl.setExecutionExceptionHandler(new OneLineErrors());
    return cl;
  }
}
