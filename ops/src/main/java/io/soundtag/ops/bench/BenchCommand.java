package io.soundtag.ops.bench;

import io.soundtag.ops.features.FeatureBenchCommand;
import io.soundtag.ops.levels.LevelBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code soundtag bench}: measurements a person can re-run, each against a peer measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure performance on this machine.",
    subcommands = {FeatureBenchCommand.class, InferenceBenchCommand.class, TaggerBenchCommand.class, LevelBenchCommand.class,
        AlertBenchCommand.class, SoakCommand.class, DistillationBenchCommand.class, TrainingBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
