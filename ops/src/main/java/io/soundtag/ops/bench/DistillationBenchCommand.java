package io.soundtag.ops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.soundtag.ops.train.DeviceChoice;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.protocol.DistillationProtocol;
import io.soundtag.trainer.protocol.ProtocolMethod;
import io.soundtag.trainer.protocol.ProtocolResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag bench distillation}: does distillation pay? Every method on the same stratified
 * folds and seeds, paired against the student trained alone ({@link DistillationProtocol}).
 */
@Command(name = "distillation", mixinStandardHelpOptions = true,
    description = {"Measure whether distillation pays: stratified k-fold cross-validation by clip (a clip's windows never"
        + " cross folds), every method trained on the same folds, windows and seeds; per method accuracy and mAP@3 on each"
        + " fold's test clips with t-intervals, the paired differences (method − alone, same fold and seed) with a"
        + " t-interval over the fold × seed pairs, parameters, MACs per window and bundle bytes.",
        "  alone: the recipe's student on the labels for the recipe's epochs (always run: the baseline).",
        "  alone-int8: the alone student after the recipe's quantise.epochs of quantisation-aware fine-tuning to int8 (the same"
            + " run as alone): what that fine-tuning adds without a teacher.",
        "  mrkd: cyclic multi-representation distillation over the recipe's branches (its distillation settings).",
        "  ced: the student from the fold's logit store of the teacher ensemble (store, temperature, lambda of the recipe).",
        "  ced-unlabelled: the same with label-free views of --unlabelled audio and of --unlabelled-mirror's copies of the fold's training clips.",
        "  ced-int8: the ced-unlabelled student after the recipe's quantise.epochs of quantisation-aware fine-tuning to int8;"
            + " the same run as ced-unlabelled (brought along), whose float32 student scores as ced-unlabelled.",
        "  fusion: feature-fusion distillation (Sistla & Jain) over the recipe's branches (its fusion settings); the student"
            + " branch is scored.",
        "  teachers: the ensemble of the recipe's teachers.branches, trained once per fold with the first seed at"
            + " teachers.width for teachers.epochs; every ced student of the fold reads its store and never runs it.",
        "The fold's test clips also draw the epoch curves (validation); nothing is chosen on them."})
public final class DistillationBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "The labelled dataset directory.")
  Path data;

  @Option(names = "--format", defaultValue = "folder",
      description = "Dataset layout: folder|urbansound8k|esc50|fsdkaggle2018|sonyc-ust|dcase-asc (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--recipe-file", required = true, paramLabel = "FILE",
      description = "The shared JSON recipe (student, branches, audio, epochs, distillation, augmentation, schedule, crops,"
          + " teachers, store; trainer/README.md); its seed is replaced by each of --seeds.")
  Path recipeFile;

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--run-folds", split = ",", paramLabel = "N,…",
      description = "Train only these folds (1-based), e.g. a pilot to tune on, or half of them in each of two processes"
          + " with the same --report; the table covers every fold on file there run with the same settings (default: all).")
  List<Integer> runFolds;

  @Option(names = "--resume", description = "Leave out the folds whose result (REPORT/folds/fold-N/fold.json) is on file, and reuse a fold's kept"
      + " teachers (REPORT/folds/fold-N/teachers.bundle) and finished logit stores instead of training and running them again.")
  boolean resume;

  @Option(names = "--fold-seed", defaultValue = "1",
      description = "Seeds the deal of clips into folds and each fold's training crops (default: ${DEFAULT-VALUE}).")
  long foldSeed;

  @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Training seeds (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--methods", split = ",", defaultValue = "alone,mrkd,ced,teachers",
      description = "Methods in table order: alone, alone-int8, mrkd, ced, ced-unlabelled, ced-int8, fusion, teachers (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(names = "--unlabelled-mirror", paramLabel = "DIR",
      description = "ced-unlabelled: copies of the data's clips under the same relative paths (e.g. full-band ones);"
          + " each fold adds its training clips' copies, never its test clips'.")
  Path unlabelledMirror;

  @Option(names = "--unlabelled", paramLabel = "DIR",
      description = "ced-unlabelled: a folder of other audio (WAV files of any rate, none of them a clip of --data), label-free"
          + " views of which join every fold's store; a file whose samples equal a clip of --data is left out.")
  Path unlabelled;

  @Option(names = "--confidence", defaultValue = "0.95", description = "Interval coverage (default: ${DEFAULT-VALUE}).")
  double confidence;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--report", required = true, paramLabel = "DIR",
      description = "Where the table (table.md), every fold's teachers, logit stores, bundles and run reports go.")
  Path report;

  @Option(names = "--json", paramLabel = "OUT", description = "Every run and the summaries as JSON (default: REPORT/results.json).")
  Path json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainingRecipe recipe = TrainingRecipe.read(recipeFile);
    List<ProtocolMethod> chosen = methods.stream().map(ProtocolMethod::fromCliName).toList();
    DistillationProtocol protocol = new DistillationProtocol(new DistillationProtocol.Settings(data, DatasetFormat.fromCliName(format),
        folds, foldSeed, seeds, chosen, recipe, unlabelledMirror, unlabelled, report.resolve("folds"), confidence,
        DeviceChoice.parse(device).device(),
        runFolds != null ? runFolds : IntStream.rangeClosed(1, folds).boxed().toList(), resume));
    ProtocolResult result = protocol.run(TrainingListener.console(err));
    Files.createDirectories(report);
    String table = "# " + result.data() + "\n\n" + result.settings() + "; wall time " + result.wallSeconds() + " s\n\n"
        + result.markdown();
    Files.writeString(report.resolve("table.md"), table, StandardCharsets.UTF_8);
    Path jsonOut = json != null ? json : report.resolve("results.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonOut.toFile(), result);
    out.println(table);
    out.println("wrote " + report.resolve("table.md") + " and " + jsonOut);
    return 0;
  }
}
