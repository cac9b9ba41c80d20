package io.soundtag.ops.label;

import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.labels.LabelCounts;
import io.soundtag.trainer.labels.LabelTopic;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soundtag label stats}: what the labels topic holds. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Count the clips in the labels topic per class, split, annotator and origin (reads the whole topic).")
public final class LabelStatsCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Option(names = "--topic", defaultValue = Topics.AUDIO_LABELS, description = "Labels topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() {
    LabelTopic labels = LabelTopic.read(kafka.connection(), topic);
    LabelCounts counts = labels.counts();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %d clips (%d negative), %.1f s of audio%s%n", topic, counts.clips(),
        counts.negatives(), counts.seconds(), labels.rejected() == 0 ? "" : ", " + labels.rejected() + " unusable records skipped");
    table(out, "class", counts.perClass());
    table(out, "split", counts.perSplit());
    table(out, "annotator", counts.perAnnotator());
    table(out, "origin", counts.perOrigin());
    out.flush();
    return 0;
  }

  private static void table(PrintWriter out, String title, Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return;
    }
    int width = Math.max(title.length(), counts.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.printf("%n%-" + width + "s  clips%n", title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.printf("%-" + width + "s  %5d%n", e.getKey(), e.getValue()));
  }
}
