package io.soundtag.ops.eval;

import io.soundtag.trainer.evaluation.OpenSetReport;
import io.soundtag.trainer.taxonomy.Taxonomy;
import io.soundtag.trainer.taxonomy.TaxonomyEvaluation;
import io.soundtag.trainer.taxonomy.OpenSetCalibration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.io.IOException;
import java.nio.file.Files;
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
        "window by window (hop: half a window); window scores are averaged per clip (single-label) or max-pooled (multi-label).",
        "A bundle trained on a taxonomy (soundtag train --taxonomy) is measured as it is served instead: per-class precision and",
        "recall at its thresholds, top-1 on clips of its classes, and the share of out-of-class clips (the taxonomy's negatives)",
        "and of quiet ambience windows that raise any tag, for its fine classes and its coarse groups; --fold K/N scores one fold",
        "of the dataset's source packages (as in training), and DIR 'simulated' scores simulated scenes mapped by the taxonomy."})
public final class EvalCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The model bundle.")
  Path bundlePath;

  @Parameters(index = "1", paramLabel = "DIR", description = "The dataset directory (with a taxonomy bundle: several, comma-separated,"
      + " or 'simulated').")
  Path dir;

  @Option(names = "--taxonomy", paramLabel = "FILE|builtin",
      description = "The taxonomy that maps the dataset's labels onto the bundle's classes (default: the one the bundle was trained on).")
  Path taxonomy;

  @Option(names = "--fold", paramLabel = "K/N", description = "Taxonomy bundles: score only source-package fold K of N (as soundtag train --folds N --test-fold K).")
  String fold;

  @Option(names = "--calibrate-to", paramLabel = "SHARE",
      description = "Taxonomy bundles: calibrate the thresholds anew on the clips scored (--fold, without --hold-out labels) so"
          + " that at most this share of their negative clips raises a tag, and write the bundle to --write.")
  Double calibrateTo;

  @Option(names = "--write", paramLabel = "OUT.bundle", description = "With --calibrate-to: where to write the recalibrated bundle.")
  Path write;

  @Option(names = "--hold-out", split = ",", paramLabel = "LABEL,…", description = "With --calibrate-to: labels left out of the calibration.")
  List<String> holdOut;

  @Option(names = "--scenes", defaultValue = "4", description = "DIR simulated: scenes to score (default: ${DEFAULT-VALUE}).")
  int scenes;

  @Option(names = "--scene-seconds", defaultValue = "60", description = "DIR simulated: length of each scene (default: ${DEFAULT-VALUE} s).")
  double sceneSeconds;

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
    Optional<Taxonomy> byTaxonomy = taxonomy != null ? Optional.of(Taxonomy.read(taxonomy)) : TaxonomyEvaluation.taxonomyOf(bundle);
    if (calibrateTo != null) {
      if (byTaxonomy.isEmpty() || write == null) {
        throw new IllegalArgumentException("--calibrate-to needs a bundle trained on a taxonomy (or --taxonomy FILE) and --write OUT.bundle");
      }
      int[] kn = fold();
      OpenSetCalibration.Calibrated c = TaxonomyEvaluation.recalibrate(bundle, byTaxonomy.get(), dirs(), policy, kn[1], kn[0],
          holdOut == null ? Set.of() : Set.copyOf(holdOut), calibrateTo, DeviceChoice.parse(device).device(), System.err::println);
      c.bundle().write(write);
      System.out.print(c.test().summary());
      c.test().writeJson(json);
      recordBundle(c.bundle().toBytes().length, c.bundle());
      System.out.println("wrote " + write + " with thresholds " + c.bundle().manifest().thresholds());
      return 0;
    }
    if (byTaxonomy.isPresent()) {
      OpenSetReport report = openSet(bundle, byTaxonomy.get(), policy);
      System.out.print(report.summary());
      report.writeJson(json);
      recordBundle(Files.size(bundlePath), bundle);
      return 0;
    }
    if (fold != null || dir.toString().equals("simulated")) {
      throw new IllegalArgumentException("--fold and DIR simulated need a bundle trained on a taxonomy, or --taxonomy FILE");
    }
    Split part = split.equalsIgnoreCase("all") ? null : Split.valueOf(split.trim().toUpperCase(Locale.ROOT));
    ServingMode servingMode = mode.equalsIgnoreCase("ensemble") ? ServingMode.ENSEMBLE : ServingMode.STUDENT;
    EvaluationReport report = Evaluation.of(bundle, new TrainingData.Dataset(dir, DatasetFormat.fromCliName(format), policy, null),
        part, servingMode, DeviceChoice.parse(device).device(), System.err::println);
    System.out.print(report.summary());
    report.writeJson(json);
    recordBundle(Files.size(bundlePath), bundle);
    if (report.confusion() != null) {
      Path where = confusionDir != null ? confusionDir : json.toAbsolutePath().getParent();
      RunReport.writeConfusion(report, where);
      System.err.println("confusion matrix: " + where.resolve("confusion.csv") + ", " + where.resolve("confusion.png"));
    }
    return 0;
  }

  /** Adds the bundle's size and the served student's weight type to the JSON just written, and prints them. */
  private void recordBundle(long bytes, ModelBundle bundle) throws IOException {
    String weights = bundle.manifest().student().quantised() ? "int8" : "float32";
    System.out.printf(Locale.ROOT, "bundle %,d bytes, student %s (%s)%n", bytes, bundle.manifest().studentBranch(), weights);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode tree = (ObjectNode) mapper.readTree(json.toFile());
    tree.put("bundle_bytes", bytes);
    tree.put("student_weights", weights);
    mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), tree);
  }

  private OpenSetReport openSet(ModelBundle bundle, Taxonomy t, BadRowPolicy policy) {
    ai.djl.Device chosen = DeviceChoice.parse(device).device();
    if (dir.toString().equals("simulated")) {
      return TaxonomyEvaluation.simulated(bundle, t, scenes, sceneSeconds, 424_242L, chosen);
    }
    int[] kn = fold();
    return TaxonomyEvaluation.folder(bundle, t, dirs(), policy, kn[1], kn[0], chosen, System.err::println);
  }

  /** DIR as one or several comma-separated datasets (taxonomy bundles). */
  private List<Path> dirs() {
    return Arrays.stream(dir.toString().split(",")).map(String::trim).map(Path::of).toList();
  }

  /** {@code --fold K/N} as {K, N}; {0, 0} without it. */
  private int[] fold() {
    if (fold == null) {
      return new int[] {0, 0};
    }
    String[] parts = fold.split("/");
    int k;
    int n;
    try {
      k = Integer.parseInt(parts[0].trim());
      n = Integer.parseInt(parts[1].trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--fold " + fold + ": give K/N, e.g. --fold 2/5");
    }
    if (parts.length != 2 || k < 1 || k > n) {
      throw new IllegalArgumentException("--fold " + fold + ": give K/N with 1 ≤ K ≤ N, e.g. --fold 2/5");
    }
    return new int[] {k, n};
  }
}
