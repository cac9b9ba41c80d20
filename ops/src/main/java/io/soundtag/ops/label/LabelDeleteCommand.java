package io.soundtag.ops.label;

import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.labels.ClipId;
import io.soundtag.trainer.labels.LabelWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code soundtag label delete CLIP_ID}: a tombstone for a clip. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete a clip from the labelled dataset (a tombstone on its id; compaction removes the clip).")
public final class LabelDeleteCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CLIP_ID", description = "The clip's id (64 hex digits).")
  String clipId;

  @Option(names = "--topic", defaultValue = Topics.AUDIO_LABELS, description = "Labels topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() {
    String id = ClipId.require(clipId.strip().toLowerCase(Locale.ROOT));
    try (LabelWriter writer = LabelWriter.open(kafka.connection(), topic)) {
      RecordMetadata at = writer.delete(id);
      spec.commandLine().getOut().printf("deleted clip %s: a tombstone -> %s-%d offset %d (a clip of that id, if there was one,"
          + " is gone from the dataset)%n", id, at.topic(), at.partition(), at.offset());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
