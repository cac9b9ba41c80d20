package io.soundtag.ops.label;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code soundtag label add FILE.wav --label L}: one file as a labelled clip. */
@Command(name = "add", mixinStandardHelpOptions = true,
    description = "Add a WAV file (any rate, channels, bit depth; mixed to mono, kept at its rate) as a labelled clip.")
public final class LabelAddCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Mixin
  LabelOptions options;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.wav", description = "The audio file.")
  Path file;

  @Option(names = "--label", paramLabel = "L", description = "A class present in the clip; repeat for several.")
  List<String> labels = List.of();

  @Option(names = "--negative", description = "None of the known classes is present (\"none of these\").")
  boolean negative;

  @Override
  public Integer call() {
    ClipLabels clipLabels = new ClipLabels(labels, negative, options.annotator, options.splitHint());
    MonoAudio audio;
    try {
      audio = WavReader.read(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + " as WAV audio (" + e.getMessage()
          + "); give a PCM or float WAV file, e.g. convert with `ffmpeg -i IN -ac 1 OUT.wav`", e);
    }
    LabelledClip clip = LabelledClips.build(audio, clipLabels, ClipOrigin.file(file.toString()), System.currentTimeMillis());
    try (LabelWriter writer = LabelWriter.open(kafka.connection(), options.topic)) {
      spec.commandLine().getOut().println(ClipReport.written(clip, writer.write(clip)));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
