package io.soundtag.ops.eval;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.ops.train.DeviceChoice;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.Split;
import io.soundtag.trainer.evaluation.EvaluationReport;
import io.soundtag.trainer.job.Evaluation;
import io.soundtag.trainer.job.TrainingData;
import io.soundtag.trainer.report.RunReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code soundtag eval}: a bundle's metrics on a labelled dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate a model bundle on a labelled dataset: accuracy, mAP@3, macro mAP, micro AUPRC, per-class AP,",
        "and a confusion matrix (CSV and PNG) for single-label sets. Clips longer than the model's window are scored",
        "window by window (hop: half a window); window scores are averaged per clip (single-label) or max-pooled (multi-label)."})
public final class EvalCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The model bundle.")
  Path bundlePath;

  @Parameters(index = "1", paramLabel = "DIR", description = "The dataset directory.")
  Path dir;

  @Option(names = "--format", defaultValue = "folder",
      description = "Dataset layout: folder|urbansound8k|esc50|fsdkaggle2018|sonyc-ust|dcase-asc (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--split", defaultValue = "all",
      description = "Clips to score: all, or train|validation|test of the dataset's own split (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--mode", defaultValue = "student", description = "student (the served branch) or ensemble (every branch averaged) (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--json", required = true, paramLabel = "OUT.json", description = "Where to write the metrics.")
  Path json;

  @Option(names = "--confusion-dir", paramLabel = "DIR", description = "Where to write confusion.csv and confusion.png (default: next to the JSON).")
  Path confusionDir;

  @Option(names = "--bad-rows", defaultValue = "skip", description = "skip or fail on a bad metadata row (default: ${DEFAULT-VALUE}).")
  String badRows;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() throws Exception {
    ModelBundle bundle = ModelBundle.read(bundlePath);
    BadRowPolicy policy = badRows.equalsIgnoreCase("fail") ? BadRowPolicy.FAIL : BadRowPolicy.SKIP;
    Split part = split.equalsIgnoreCase("all") ? null : Split.valueOf(split.trim().toUpperCase(Locale.ROOT));
    ServingMode servingMode = mode.equalsIgnoreCase("ensemble") ? ServingMode.ENSEMBLE : ServingMode.STUDENT;
    EvaluationReport report = Evaluation.of(bundle, new TrainingData.Dataset(dir, DatasetFormat.fromCliName(format), policy, null),
        part, servingMode, DeviceChoice.parse(device).device(), System.err::println);
    System.out.print(report.summary());
    report.writeJson(json);
    if (report.confusion() != null) {
      Path where = confusionDir != null ? confusionDir : json.toAbsolutePath().getParent();
      RunReport.writeConfusion(report, where);
      System.err.println("confusion matrix: " + where.resolve("confusion.csv") + ", " + where.resolve("confusion.png"));
    }
    return 0;
  }
}
