package io.soundtag.ops.label;

import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.SplitHint;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.labels.LabelImport;
import io.soundtag.trainer.labels.LabelWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code soundtag label import DIR --format F}: every clip of a dataset. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import a dataset in any layout the trainer reads as labelled clips, with a progress bar and a summary"
        + " of what was skipped and why.", "Importing the same dataset again writes the same clips: nothing changes."})
public final class LabelImportCommand implements Callable<Integer> {

  private static final int SHOWN_PER_REASON = 3;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  LabelOptions options;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The dataset's root directory.")
  Path dir;

  @Option(names = "--format", required = true, paramLabel = "folder|urbansound8k|esc50|fsdkaggle2018|sonyc-ust|dcase-asc",
      description = "The dataset's layout.")
  String format;

  @Option(names = "--part", paramLabel = "K/N", defaultValue = "1/1",
      description = "Import only the K-th of N parts, cut by a stable hash of the file names (default: ${DEFAULT-VALUE},"
          + " all); 1/2 then 2/2 imports a dataset in two halves.")
  String part;

  @Override
  public Integer call() {
    DatasetFormat layout = DatasetFormat.fromCliName(format);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory; give the dataset's root directory");
    }
    // Checked before anything is read or sent.
    String[] kn = part.strip().split("/", -1);
    if (kn.length != 2 || !kn[0].strip().matches("\\d{1,3}") || !kn[1].strip().matches("\\d{1,3}")) {
      throw new IllegalArgumentException("--part " + part + " is not K/N, e.g. 1/2");
    }
    boolean datasetSplit = options.split.strip().equalsIgnoreCase("dataset");
    LabelImport.Options labelling = new LabelImport.Options(options.annotator,
        datasetSplit ? SplitHint.ANY : options.splitHint(), datasetSplit,
        Integer.parseInt(kn[0].strip()), Integer.parseInt(kn[1].strip()));
    PrintWriter out = spec.commandLine().getOut();
    AtomicReference<ProgressBar> bar = new AtomicReference<>();
    LabelImport.Result result;
    try (LabelWriter writer = LabelWriter.open(kafka.connection(), options.topic)) {
      result = LabelImport.run(layout, dir, labelling, writer,
          files -> bar.set(new ProgressBarBuilder().setTaskName("import").setInitialMax(files)
              .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
              .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()),
          () -> bar.get().step());
    } finally {
      if (bar.get() != null) {
        bar.get().close();
      }
    }
    out.printf("%s from %s%s: %d clips written to %s, %d skipped%n", result.dataset(), dir,
        part.strip().equals("1/1") ? "" : " (part " + part.strip() + ", " + result.files() + " files)", result.written(),
        options.topic, result.skipped().size());
    Map<String, List<LabelImport.Skipped>> byReason = new LinkedHashMap<>();
    for (LabelImport.Skipped s : result.skipped()) {
      byReason.computeIfAbsent(reasonKind(s.reason()), k -> new ArrayList<>()).add(s);
    }
    byReason.forEach((kind, skipped) -> {
      out.printf("  skipped %d: %s%n", skipped.size(), kind);
      skipped.stream().limit(SHOWN_PER_REASON).forEach(s -> out.printf("    %s: %s%n", s.file(), s.reason()));
      if (skipped.size() > SHOWN_PER_REASON) {
        out.printf("    … and %d more%n", skipped.size() - SHOWN_PER_REASON);
      }
    });
    out.flush();
    return 0;
  }

  /** The reason without the file names and numbers in it, to group alike reasons. */
  private static String reasonKind(String reason) {
    String r = reason.replaceAll("\\S+\\.(wav|WAV|flac|mp3|ogg):?\\s*", "").replaceAll("\\d+(\\.\\d+)?", "N").strip();
    return r.length() > 100 ? r.substring(0, 100) + "…" : r;
  }
}
