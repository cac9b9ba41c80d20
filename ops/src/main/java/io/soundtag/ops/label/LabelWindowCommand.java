package io.soundtag.ops.label;

import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.archive.ArchivedAudio;
import io.soundtag.trainer.archive.ChunkArchive;
import io.soundtag.trainer.archive.Gap;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soundtag label window --sensor S --from T --to T --label L}: what a sensor heard, as a clip. */
@Command(name = "window", mixinStandardHelpOptions = true,
    description = {"Label what a sensor actually heard: its audio over [--from, --to) is read back from audio.chunks"
        + " by capture time and becomes a clip, with labels or as a negative (none of these).",
        "Times: an instant (2026-12-01T20:15:00Z), a local date and time (2026-12-01T21:15:00) or a local time of"
            + " today (21:15:00), local in --zone. At most 10 minutes."})
public final class LabelWindowCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Mixin
  LabelOptions options;

  @Spec
  CommandSpec spec;

  @Option(names = "--sensor", required = true, paramLabel = "S", description = "The sensor id.")
  String sensor;

  @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the span (capture time).")
  String from;

  @Option(names = "--to", required = true, paramLabel = "TIME", description = "End of the span (exclusive).")
  String to;

  @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of local times (default: this machine's, ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.timezone}")
  String zone;

  @Option(names = "--label", paramLabel = "L", description = "A class present in the span; repeat for several.")
  List<String> labels = List.of();

  @Option(names = "--negative", description = "None of the known classes is present (\"none of these\").")
  boolean negative;

  @Option(names = "--model", paramLabel = "NAME:VERSION", description = "The model whose tags this label answers, if any.")
  String modelId;

  @Option(names = "--chunks-topic", defaultValue = Topics.AUDIO_CHUNKS, description = "Chunk topic (default: ${DEFAULT-VALUE}).")
  String chunksTopic;

  @Option(names = "--skew-seconds", defaultValue = "60", paramLabel = "S",
      description = "How far a chunk's send time may be from its capture time (default: ${DEFAULT-VALUE}).")
  int skewSeconds;

  @Override
  public Integer call() {
    ClipLabels clipLabels = new ClipLabels(labels, negative, options.annotator, options.splitHint());
    ZoneId zoneId = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    Instant start = CaptureTime.parse(from, zoneId);
    Instant end = CaptureTime.parse(to, zoneId);
    Optional<ArchivedAudio> heard;
    try (ChunkArchive archive = ChunkArchive.open(kafka.connection(), chunksTopic, Duration.ofSeconds(skewSeconds))) {
      heard = archive.read(sensor, start, end);
    }
    if (heard.isEmpty()) {
      throw new IllegalArgumentException("sensor " + sensor + " sent no audio between " + start + " and " + end + " in "
          + chunksTopic + "; check the sensor id, the times (local times are in " + zoneId + ") and that the audio is"
          + " still within the topic's retention");
    }
    ArchivedAudio audio = heard.get();
    PrintWriter out = spec.commandLine().getOut();
    if (!audio.gaps().isEmpty()) {
      out.printf(Locale.ROOT, "note: %.2f s of the %.2f s span had no audio from %s and is silence in the clip: %s%n",
          (end.toEpochMilli() - start.toEpochMilli()) / 1e3 - audio.coveredSeconds(),
          (end.toEpochMilli() - start.toEpochMilli()) / 1e3, sensor,
          audio.gaps().stream().limit(5).map(LabelWindowCommand::gap).collect(Collectors.joining(", "))
              + (audio.gaps().size() > 5 ? ", …" : ""));
    }
    LabelledClip clip = LabelledClips.build(audio.audio(), clipLabels,
        ClipOrigin.sensor(sensor, audio.fromMicros(), audio.toMicros(), modelId), System.currentTimeMillis());
    try (LabelWriter writer = LabelWriter.open(kafka.connection(), options.topic)) {
      out.println(ClipReport.written(clip, writer.write(clip)));
    }
    out.flush();
    return 0;
  }

  private static String gap(Gap g) {
    return Instant.ofEpochSecond(0, g.startMicros() * 1000) + "–" + Instant.ofEpochSecond(0, g.endMicros() * 1000);
  }
}
