package io.soundtag.trainer.protocol;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.nn.Complexity;
import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.ClipRef;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.dataset.Split;
import io.soundtag.trainer.dataset.SplitRule;
import io.soundtag.trainer.evaluation.EvaluationReport;
import io.soundtag.trainer.job.Evaluation;
import io.soundtag.trainer.job.PreparedData;
import io.soundtag.trainer.job.TrainingData;
import io.soundtag.trainer.job.TrainingJob;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.job.TrainingResult;
import io.soundtag.trainer.report.ModelComplexity;
import io.soundtag.trainer.report.ResultRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the distillation protocol: stratified k-fold cross-validation by clip ({@link
 * StratifiedFolds}), every method on the same folds and training seeds, and per method the mean
 * scores and the paired differences against the student trained alone ({@link MeanInterval}).
 *
 * <p>Each fold's clips are decoded and cut once (the crops seeded by the fold, not by the training
 * seed), so every method and seed trains on the same windows and the logit store fits every run.
 * The teachers ({@code recipe.teachers}: branches, width, epochs) are trained once per fold with
 * the first seed and kept as a bundle; each CED method writes its store once per fold from that
 * bundle and every later seed's student reads it without running a teacher. The fold's test clips
 * double as the validation windows, which only draw the epoch curves: no choice is made on them.
 *
 * <p>Methods, all from the one recipe: {@code alone} its student ({@code recipe.student}) on the
 * labels for {@code recipe.epochs}; {@code mrkd} its branches under its distillation plan; {@code
 * ced} the student from the store ({@code recipe.store}, {@code recipe.distillation} T and λ);
 * {@code ced-unlabelled} the same with the unlabelled audio's views in the store; {@code fusion}
 * its branches pre-trained and fine-tuned with a fusion module ({@code recipe.fusion}), the
 * student branch scored; {@code teachers} the ensemble.
 */
public final class DistillationProtocol {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Settings settings;

  /**
   * What to run.
   *
   * @param data dataset directory
   * @param format its layout
   * @param folds cross-validation folds
   * @param foldSeed seeds the deal of clips into folds and each fold's training crops
   * @param seeds training seeds; every method runs each seed on each fold
   * @param methods methods in table order; {@code alone} is always run, as the baseline
   * @param recipe the shared recipe (student, branches, audio, epochs, augmentation, schedule,
   *     distillation, teachers, store)
   * @param unlabelledMirror for {@code ced-unlabelled}: a folder with the same relative paths as
   *     {@code data} (e.g. full-band copies); the copies of each fold's training clips are its
   *     unlabelled audio, so a fold's test clips never reach its store
   * @param unlabelled for {@code ced-unlabelled}: a folder of other audio (WAV files of any rate,
   *     none of them a clip of {@code data}), added to every fold's label-free views; a file whose
   *     samples equal a clip of {@code data} is refused
   * @param workDir per-fold teachers, stores and bundles
   * @param confidence interval coverage, e.g. 0.95
   * @param device where to train
   * @param runFolds the 1-based folds this run trains (a pilot, or one of two processes, runs
   *     some of them; the deal is the same)
   * @param resume leave out the folds whose result is on file already
   */
  public record Settings(Path data, DatasetFormat format, int folds, long foldSeed, List<Long> seeds, List<ProtocolMethod> methods,
      TrainingRecipe recipe, Path unlabelledMirror, Path unlabelled, Path workDir, double confidence, Device device, List<Integer> runFolds, boolean resume) {

    public Settings {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(recipe, "recipe");
      Objects.requireNonNull(workDir, "workDir");
      seeds = List.copyOf(seeds);
      List<ProtocolMethod> ordered = new ArrayList<>(List.of(ProtocolMethod.ALONE));
      for (ProtocolMethod m : methods) {
        // an int8 student is another method's run, quantised: that run comes along, in front of it
        if (m.quantisedFrom() != null && !ordered.contains(m.quantisedFrom())) {
          ordered.add(m.quantisedFrom());
        }
        if (!ordered.contains(m)) {
          ordered.add(m);
        }
      }
      methods = List.copyOf(ordered);
      runFolds = List.copyOf(runFolds);
      for (int f : runFolds) {
        if (f < 1 || f > folds) {
          throw new IllegalArgumentException("fold " + f + " is not one of the folds 1.." + folds);
        }
      }
      if (seeds.isEmpty()) {
        throw new IllegalArgumentException("the protocol needs at least one seed, e.g. --seeds 1,2,3");
      }
      if (methods.stream().anyMatch(ProtocolMethod::taught) && recipe.teachers().branches().isEmpty()) {
        throw new IllegalArgumentException("ced, ced-unlabelled and teachers need the recipe's teachers.branches, "
            + "e.g. \"teachers\": {\"branches\": [\"logmel:resnet\", \"gammatone:vgg\"], \"width\": 64, \"epochs\": 30}");
      }
      if (methods.contains(ProtocolMethod.CED_UNLABELLED) && unlabelledMirror == null && unlabelled == null) {
        throw new IllegalArgumentException("ced-unlabelled (and ced-int8, its int8 form) needs --unlabelled DIR (a folder of other audio)"
            + " or --unlabelled-mirror DIR (copies of the data's clips under the same relative paths, of which each fold uses its training clips' copies)");
      }
    }
  }

  public DistillationProtocol(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Runs the folds of {@code settings.runFolds()} (those whose result is not on file yet, with
   * {@code settings.resume()}), each leaving {@code folds/fold-N/fold.json}, then summarises every
   * fold on file that was run with these settings. Two processes can each run some of the folds
   * into the same work directory (DJL's PyTorch engine trains one model at a time per process);
   * the one that finishes last summarises them all.
   */
  public ProtocolResult run(TrainingListener listener) {
    long start = System.nanoTime();
    Settings s = settings;
    ClipCatalog catalog = DatasetReaders.read(s.format(), s.data(), BadRowPolicy.SKIP, ClipLoader.decodableWav());
    catalog.skipped().forEach(row -> listener.note("skipped " + row));
    StratifiedFolds folds = StratifiedFolds.of(catalog, s.folds(), s.foldSeed());
    // the unlabelled folder is read once, for every fold that runs
    List<MonoAudio> otherAudio = s.unlabelled() != null && s.methods().contains(ProtocolMethod.CED_UNLABELLED)
        ? UnlabelledFolder.read(s.unlabelled(), catalog.clips(), listener::note) : List.of();
    for (int fold : s.runFolds()) {
      if (s.resume() && Files.exists(foldFile(fold))) {
        listener.note("fold " + fold + " is on file (" + foldFile(fold) + "); not run again");
        continue;
      }
      FoldResult result = runFold(catalog, folds, fold, otherAudio, listener);
      try {
        JSON.writeValue(foldFile(fold).toFile(), result);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + foldFile(fold) + ": " + e.getMessage(), e);
      }
    }
    List<FoldResult> onFile = new ArrayList<>();
    for (int fold = 1; fold <= s.folds(); fold++) {
      if (Files.exists(foldFile(fold))) {
        FoldResult r = readFold(foldFile(fold));
        if (r.key().equals(key())) {
          onFile.add(r);
        } else {
          listener.note(foldFile(fold) + " was run with other settings (" + r.key() + "); left out");
        }
      }
    }
    List<ProtocolResult.Run> runs = onFile.stream().flatMap(r -> r.runs().stream()).toList();
    Map<String, MethodCost> costs = new LinkedHashMap<>();
    onFile.forEach(r -> r.costs().forEach(c -> costs.putIfAbsent(c.method(), c)));
    List<ProtocolResult.MethodSummary> summaries = new ArrayList<>();
    for (ProtocolMethod method : s.methods()) {
      if (costs.containsKey(method.cliName())) {
        summaries.add(summary(method, runs, costs.get(method.cliName())));
      }
    }
    String described = String.format(Locale.ROOT, "%d-fold stratified cross-validation by clip (fold seed %d; folds %s on file),"
        + " seeds %s, %.0f %% t-intervals; recipe %s", s.folds(), s.foldSeed(), onFile.stream().map(FoldResult::fold).toList(),
        s.seeds(), 100 * s.confidence(), s.recipe().hash());
    return new ProtocolResult(catalog.name() + " (" + catalog.size() + " clips, " + catalog.classes().size() + " classes)",
        described, runs, summaries, seconds(start));
  }

  /**
   * What a fold left: its runs and the cost of each method's model.
   *
   * @param key the settings it was run with (recipe hash, folds, fold seed, seeds, methods)
   * @param fold 1-based fold
   * @param runs its runs
   * @param costs parameters, MACs and bundle bytes per method
   */
  public record FoldResult(String key, int fold, List<ProtocolResult.Run> runs, List<MethodCost> costs) {}

  /**
   * The cost of a method's served model.
   *
   * @param method the method's name
   * @param parameters parameters
   * @param macs multiply-accumulates per window
   * @param bundleBytes the bundle file's size
   */
  public record MethodCost(String method, long parameters, long macs, long bundleBytes) {}

  private String key() {
    Settings s = settings;
    return "recipe " + s.recipe().hash() + ", " + s.folds() + " folds, fold seed " + s.foldSeed() + ", seeds " + s.seeds()
        + ", methods " + s.methods().stream().map(ProtocolMethod::cliName).toList()
        + (s.unlabelledMirror() == null ? "" : ", unlabelled " + s.unlabelledMirror())
        + (s.unlabelled() == null ? "" : ", unlabelled folder " + s.unlabelled());
  }

  private Path foldFile(int fold) {
    return settings.workDir().resolve("fold-" + fold).resolve("fold.json");
  }

  private static FoldResult readFold(Path file) {
    try {
      return JSON.readValue(file.toFile(), FoldResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (delete it to run the fold again): " + e.getMessage(), e);
    }
  }

  /** One fold (1-based): its windows, its teachers, then every seed of every student method. */
  private FoldResult runFold(ClipCatalog catalog, StratifiedFolds folds, int fold, List<MonoAudio> otherAudio,
      TrainingListener listener) {
    Settings s = settings;
    SplitRule rule = folds.testing(fold - 1);
    Path foldDir = s.workDir().resolve("fold-" + fold);
    TrainingRecipe base = s.recipe().with(Map.of("seed", s.foldSeed() + fold));
    PreparedData data = TrainingData.dataset(s.data(), s.format(), BadRowPolicy.SKIP, rule).prepare(base, line -> { });
    listener.note(String.format(Locale.ROOT, "fold %d/%d: %d training windows, %d test clips", fold, s.folds(),
        data.windows().train().size(), data.windows().test().clips()));
    List<MonoAudio> unlabelled = new ArrayList<>();
    if (s.methods().contains(ProtocolMethod.CED_UNLABELLED)) {
      if (s.unlabelledMirror() != null) {
        unlabelled.addAll(mirrorOf(catalog.select(rule, Split.TRAIN), listener));
      }
      unlabelled.addAll(otherAudio);
    }
    List<ProtocolResult.Run> runs = new ArrayList<>();
    Map<String, MethodCost> costs = new LinkedHashMap<>();
    int total = s.seeds().size() * s.methods().size();
    Path teacherBundle = foldDir.resolve("teachers.bundle");
    if (s.methods().stream().anyMatch(ProtocolMethod::taught)) {
      long t0 = System.nanoTime();
      double[] ensemble;
      if (s.resume() && Files.exists(teacherBundle)) {
        // a fold stopped after its teachers: score the kept ensemble again instead of training it anew
        ModelBundle kept = read(teacherBundle);
        EvaluationReport e = Evaluation.of(kept, new TrainingData.Dataset(s.data(), s.format(), BadRowPolicy.SKIP, rule), Split.TEST,
            ServingMode.ENSEMBLE, s.device(), line -> { });
        ensemble = new double[] {e.accuracy(), e.mapAt3()};
        costs.put(ProtocolMethod.TEACHERS.cliName(), cost(ProtocolMethod.TEACHERS, complexity(kept), teacherBundle));
        listener.note("fold " + fold + ": the teachers of " + teacherBundle + " are reused");
      } else {
        TrainingResult taught = job(data, teacherRecipe(s.seeds().get(0)), foldDir.resolve("teachers"))
            .optKeepBranches(true).build().run(listener);
        write(taught, teacherBundle);
        ensemble = ensembleScores(taught);
        costs.put(ProtocolMethod.TEACHERS.cliName(), cost(ProtocolMethod.TEACHERS, sum(taught.outcome().complexity()), teacherBundle));
      }
      if (s.methods().contains(ProtocolMethod.TEACHERS)) {
        runs.add(new ProtocolResult.Run(ProtocolMethod.TEACHERS.cliName(), fold, s.seeds().get(0), ensemble[0], ensemble[1],
            data.windows().test().clips(), seconds(t0)));
        listener.note(progress(runs.size(), total, ProtocolMethod.TEACHERS, fold, s.seeds().get(0), ensemble[0], seconds(t0)));
      }
    }
    for (int si = 0; si < s.seeds().size(); si++) {
      long seed = s.seeds().get(si);
      for (ProtocolMethod method : s.methods()) {
        if (method == ProtocolMethod.TEACHERS || method.quantisedFrom() != null) {
          continue;
        }
        long t0 = System.nanoTime();
        // a resumed fold reads a store its first seed finished instead of running the teachers again
        boolean storeOnFile = s.resume() && Files.exists(foldDir.resolve(method.cliName() + "-logits.bin"));
        ProtocolMethod int8 = s.methods().stream().filter(m -> m.quantisedFrom() == method).findFirst().orElse(null);
        boolean quantised = int8 != null;
        TrainingRecipe recipe = recipeFor(method, seed, si == 0 && !storeOnFile ? teacherBundle : null, foldDir);
        TrainingJob.Builder job = job(data, quantised ? recipe.with(Map.of("quantise.bits", 8)) : recipe,
            foldDir.resolve(method.cliName() + "-seed-" + seed));
        if (method == ProtocolMethod.CED_UNLABELLED) {
          // the first seed's crops, whose store every later seed's student reads
          job.optUnlabelledAudio(unlabelled).optUnlabelledCropSeed(s.seeds().get(0));
        }
        TrainingResult result = job.build().run(listener);
        ProtocolMethod served = quantised ? int8 : method;
        Path bundle = foldDir.resolve(served.cliName() + "-seed-" + seed + ".bundle");
        write(result, bundle);
        ModelComplexity complexity = student(result.outcome().complexity());
        if (quantised) {
          // the float32 student of the same run, scored before its int8 fine-tuning
          EvaluationReport float32 = result.outcome().float32Evaluation();
          runs.add(new ProtocolResult.Run(method.cliName(), fold, seed, float32.accuracy(), float32.mapAt3(), float32.n(), seconds(t0)));
          costs.putIfAbsent(method.cliName(), new MethodCost(method.cliName(), complexity.parameters(), complexity.macs(),
              result.outcome().bundleBytes().get("float32 student")));
          listener.note(progress(runs.size(), total, method, fold, seed, float32.accuracy(), seconds(t0)));
        }
        EvaluationReport e = result.outcome().evaluation();
        runs.add(new ProtocolResult.Run(served.cliName(), fold, seed, e.accuracy(), e.mapAt3(), e.n(), seconds(t0)));
        costs.putIfAbsent(served.cliName(), cost(served, complexity, bundle));
        listener.note(progress(runs.size(), total, served, fold, seed, e.accuracy(), seconds(t0)));
      }
    }
    return new FoldResult(key(), fold, runs, List.copyOf(costs.values()));
  }

  private TrainingJob.Builder job(PreparedData data, TrainingRecipe recipe, Path workDir) {
    return TrainingJob.builder().setData(TrainingData.prepared(data)).optRecipe(recipe).optWorkDir(workDir)
        .optDevice(settings.device());
  }

  private TrainingRecipe teacherRecipe(long seed) {
    TrainingRecipe r = settings.recipe();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", "supervised");
    m.put("branches", r.teachers().branches());
    m.put("student", null);
    m.put("width", r.teachers().width());
    m.put("epochs", r.teachers().epochs());
    m.put("seed", seed);
    m.put("teachers.branches", List.of());
    // teachers are never served: they stay float32, the only form a teacher bundle is read in
    m.put("quantise.bits", 0);
    return r.with(m);
  }

  /**
   * The recipe of one student run. The CED methods write their store from {@code teacherBundle}
   * on the first seed (non-null) and read it on the others.
   */
  private TrainingRecipe recipeFor(ProtocolMethod method, long seed, Path teacherBundle, Path foldDir) {
    TrainingRecipe r = settings.recipe();
    String student = r.student() != null ? r.student() : r.branches().get(0);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("teachers.branches", List.of());
    switch (method) {
      case ALONE -> {
        m.put("method", "supervised");
        m.put("branches", List.of(student));
        m.put("student", null);
      }
      case MRKD -> m.put("method", "mrkd");
      case FUSION -> m.put("method", "fusion");
      case CED, CED_UNLABELLED -> {
        m.put("method", "ced");
        m.put("branches", List.of(student));
        m.put("student", student);
        m.put("teachers.bundles", teacherBundle == null ? List.of() : List.of(teacherBundle.toString()));
        m.put("store.file", foldDir.resolve(method.cliName() + "-logits.bin").toString());
      }
      default -> throw new IllegalArgumentException(method.cliName() + " trains no student");
    }
    return r.with(m);
  }

  /** The full-band (or other) copies of {@code train}'s clips under the mirror folder; a missing copy is noted and left out. */
  private List<MonoAudio> mirrorOf(ClipCatalog train, TrainingListener listener) {
    List<MonoAudio> out = new ArrayList<>();
    int missing = 0;
    for (ClipRef clip : train.clips()) {
      Path copy = settings.unlabelledMirror().resolve(settings.data().relativize(clip.path()).toString());
      if (!Files.isRegularFile(copy)) {
        missing++;
        continue;
      }
      try {
        out.add(WavReader.read(copy));
      } catch (IOException e) {
        listener.note("skipped the unlabelled copy " + copy + ": " + e.getMessage());
      }
    }
    listener.note(out.size() + " unlabelled copies of the fold's training clips from " + settings.unlabelledMirror()
        + (missing > 0 ? " (" + missing + " without a copy)" : ""));
    return out;
  }

  /** The teachers' ensemble (or the one teacher) accuracy and mAP@3. */
  private static double[] ensembleScores(TrainingResult r) {
    List<ResultRow> rows = r.outcome().results();
    ResultRow row = rows.stream().filter(x -> x.model().equals("ensemble")).findFirst().orElse(rows.get(0));
    return new double[] {row.accuracyMean(), row.mapAt3Mean()};
  }

  private ProtocolResult.MethodSummary summary(ProtocolMethod method, List<ProtocolResult.Run> runs, MethodCost cost) {
    List<ProtocolResult.Run> mine = runs.stream().filter(r -> r.method().equals(method.cliName())).toList();
    double c = settings.confidence();
    MeanInterval accuracy = MeanInterval.of(mine.stream().map(ProtocolResult.Run::accuracy).toList(), c);
    MeanInterval map = MeanInterval.of(mine.stream().map(ProtocolResult.Run::mapAt3).toList(), c);
    MeanInterval accuracyGain = null;
    MeanInterval mapGain = null;
    if (method != ProtocolMethod.ALONE) {
      List<Double> da = new ArrayList<>();
      List<Double> dm = new ArrayList<>();
      for (ProtocolResult.Run r : mine) {
        // the teachers run once per fold: they are paired with the mean of the fold's baseline seeds
        List<ProtocolResult.Run> base = runs.stream().filter(b -> b.method().equals(ProtocolMethod.ALONE.cliName())
            && b.fold() == r.fold() && (method == ProtocolMethod.TEACHERS || b.seed() == r.seed())).toList();
        da.add(r.accuracy() - base.stream().mapToDouble(ProtocolResult.Run::accuracy).average().orElseThrow());
        dm.add(r.mapAt3() - base.stream().mapToDouble(ProtocolResult.Run::mapAt3).average().orElseThrow());
      }
      accuracyGain = MeanInterval.of(da, c);
      mapGain = MeanInterval.of(dm, c);
    }
    return new ProtocolResult.MethodSummary(method.cliName(), accuracy, map, accuracyGain, mapGain, cost.parameters(), cost.macs(),
        cost.bundleBytes());
  }

  private static ModelBundle read(Path file) {
    try {
      return ModelBundle.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the teachers " + file + " (delete it to train them again): " + e.getMessage(), e);
    }
  }

  /** Parameters and MACs per window of all of a bundle's branches together. */
  private static ModelComplexity complexity(ModelBundle bundle) {
    BundleManifest m = bundle.manifest();
    long parameters = 0;
    long macs = 0;
    for (BranchManifest b : m.branches()) {
      FeatureShape oneSecond = b.features().create().shape(m.sampleRate());
      Complexity c = Complexity.of(b.network(), m.classes().size(), new Shape(oneSecond.channels(), oneSecond.bins(), oneSecond.frames()));
      parameters += c.parameters();
      macs += Math.round(c.macsPerSecond() * (double) m.windowSamples() / m.sampleRate());
    }
    return new ModelComplexity("ensemble of " + m.branches().size(), parameters, macs);
  }

  private static ModelComplexity student(List<ModelComplexity> all) {
    return all.stream().filter(c -> c.model().endsWith("(student)")).findFirst().orElse(all.get(0));
  }

  private static ModelComplexity sum(List<ModelComplexity> all) {
    return new ModelComplexity("ensemble of " + all.size(), all.stream().mapToLong(ModelComplexity::parameters).sum(),
        all.stream().mapToLong(ModelComplexity::macs).sum());
  }

  private static void write(TrainingResult r, Path file) {
    try {
      Files.createDirectories(file.getParent());
      r.bundle().write(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bundle " + file + ": " + e.getMessage(), e);
    }
  }

  private static long bytes(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000_000L;
  }

  private static String progress(int done, int total, ProtocolMethod method, int fold, long seed, double acc, long seconds) {
    return String.format(Locale.ROOT, "[fold %d: %d/%d] seed %d %s: test accuracy %.3f (%d s)", fold, done, total, seed,
        method.cliName(), acc, seconds);
  }

  private static MethodCost cost(ProtocolMethod method, ModelComplexity c, Path bundle) {
    return new MethodCost(method.cliName(), c.parameters(), c.macs(), bytes(bundle));
  }
}
