package io.soundtag.ops.label;

import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.labels.ClipLabels;
import picocli.CommandLine.Option;

/** {@code --annotator}, {@code --split} and {@code --topic}, shared by the commands that write clips. */
public final class LabelOptions {

  @Option(names = "--annotator", paramLabel = "NAME",
      description = "Who labelled the clips (default: ${DEFAULT-VALUE}).", defaultValue = "${sys:user.name}")
  String annotator;

  @Option(names = "--split", paramLabel = "train|gate|any", defaultValue = "any",
      description = "Where the clips may be used: train (never scored on), gate (only scored on: the set a new model"
          + " must do better on) or any (default: ${DEFAULT-VALUE}); import also takes dataset: the dataset's own test part"
          + " is gate, the rest train.")
  String split;

  @Option(names = "--topic", defaultValue = Topics.AUDIO_LABELS, description = "Labels topic (default: ${DEFAULT-VALUE}).")
  String topic;

  /** The split hint, checked. */
  SplitHint splitHint() {
    return ClipLabels.parseSplit(split);
  }
}
