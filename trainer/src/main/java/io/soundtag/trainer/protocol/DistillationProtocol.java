package io.soundtag.trainer.protocol;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.ClipRef;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.dataset.Split;
import io.soundtag.trainer.dataset.SplitRule;
import io.soundtag.trainer.evaluation.EvaluationReport;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * {@code ced-unlabelled} the same with the unlabelled audio's views in the store; {@code teachers}
 * the ensemble.
 */
public final class DistillationProtocol {

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
   * @param workDir per-fold teachers, stores and bundles
   * @param confidence interval coverage, e.g. 0.95
   * @param device where to train
   * @param runFolds how many of the folds to run, from the first (a pilot runs fewer than {@code
   *     folds}; the deal is the same)
   * @param jobs folds trained at once (each on its own thread; 2 on a 2-core machine with one
   *     intra-op thread per job)
   */
  public record Settings(Path data, DatasetFormat format, int folds, long foldSeed, List<Long> seeds, List<ProtocolMethod> methods,
      TrainingRecipe recipe, Path unlabelledMirror, Path workDir, double confidence, Device device, int runFolds, int jobs) {

    public Settings {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(recipe, "recipe");
      Objects.requireNonNull(workDir, "workDir");
      seeds = List.copyOf(seeds);
      List<ProtocolMethod> ordered = new ArrayList<>(List.of(ProtocolMethod.ALONE));
      methods.stream().filter(m -> !ordered.contains(m)).forEach(ordered::add);
      methods = List.copyOf(ordered);
      if (runFolds < 1 || runFolds > folds) {
        throw new IllegalArgumentException("the folds to run must be 1.." + folds + ", got " + runFolds);
      }
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
      }
      if (seeds.isEmpty()) {
        throw new IllegalArgumentException("the protocol needs at least one seed, e.g. --seeds 1,2,3");
      }
      if (methods.stream().anyMatch(ProtocolMethod::taught) && recipe.teachers().branches().isEmpty()) {
        throw new IllegalArgumentException("ced, ced-unlabelled and teachers need the recipe's teachers.branches, "
            + "e.g. \"teachers\": {\"branches\": [\"logmel:resnet\", \"gammatone:vgg\"], \"width\": 64, \"epochs\": 30}");
      }
      if (methods.contains(ProtocolMethod.CED_UNLABELLED) && unlabelledMirror == null) {
        throw new IllegalArgumentException("ced-unlabelled needs --unlabelled-mirror DIR: copies of the data's clips under "
            + "the same relative paths, of which each fold uses its training clips' copies");
      }
    }
  }

  public DistillationProtocol(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Runs every fold, seed and method and summarises them; {@code listener} hears progress (from
   * several threads at once when {@code settings.jobs() > 1}).
   */
  public ProtocolResult run(TrainingListener listener) {
    long start = System.nanoTime();
    Settings s = settings;
    ClipCatalog catalog = DatasetReaders.read(s.format(), s.data(), BadRowPolicy.SKIP, ClipLoader.decodableWav());
    catalog.skipped().forEach(row -> listener.note("skipped " + row));
    StratifiedFolds folds = StratifiedFolds.of(catalog, s.folds(), s.foldSeed());
    int total = s.runFolds() * s.seeds().size() * s.methods().size();
    List<ProtocolResult.Run> runs = Collections.synchronizedList(new ArrayList<>());
    Map<ProtocolMethod, Cost> costs = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(s.jobs());
    try {
      List<Future<?>> pending = new ArrayList<>();
      for (int fold = 0; fold < s.runFolds(); fold++) {
        int f = fold;
        pending.add(pool.submit(() -> runFold(catalog, folds, f, runs, costs, total, listener)));
      }
      for (Future<?> p : pending) {
        p.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the protocol was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<ProtocolResult.Run> ordered = runs.stream().sorted(Comparator.comparingInt(ProtocolResult.Run::fold)
        .thenComparingLong(ProtocolResult.Run::seed).thenComparing(ProtocolResult.Run::method)).toList();
    List<ProtocolResult.MethodSummary> summaries = new ArrayList<>();
    for (ProtocolMethod method : s.methods()) {
      summaries.add(summary(method, ordered, costs.get(method)));
    }
    String described = String.format(Locale.ROOT, "%d-fold stratified cross-validation by clip (fold seed %d%s), seeds %s, "
        + "%.0f %% t-intervals; recipe %s", s.folds(), s.foldSeed(), s.runFolds() < s.folds() ? ", the first " + s.runFolds()
        + " folds only" : "", s.seeds(), 100 * s.confidence(), s.recipe().hash());
    return new ProtocolResult(catalog.name() + " (" + catalog.size() + " clips, " + catalog.classes().size() + " classes)",
        described, ordered, summaries, seconds(start));
  }

  /** One fold: its windows, its teachers, then every seed of every student method. */
  private void runFold(ClipCatalog catalog, StratifiedFolds folds, int fold, List<ProtocolResult.Run> runs,
      Map<ProtocolMethod, Cost> costs, int total, TrainingListener listener) {
    Settings s = settings;
    SplitRule rule = folds.testing(fold);
    Path foldDir = s.workDir().resolve("fold-" + (fold + 1));
    TrainingRecipe base = s.recipe().with(Map.of("seed", s.foldSeed() + fold));
    PreparedData data = TrainingData.dataset(s.data(), s.format(), BadRowPolicy.SKIP, rule).prepare(base, line -> { });
    listener.note(String.format(Locale.ROOT, "fold %d/%d: %d training windows, %d test clips", fold + 1, s.folds(),
        data.windows().train().size(), data.windows().test().clips()));
    List<MonoAudio> unlabelled = s.methods().contains(ProtocolMethod.CED_UNLABELLED)
        ? mirrorOf(catalog.select(rule, Split.TRAIN), listener) : List.of();
    Path teacherBundle = foldDir.resolve("teachers.bundle");
    if (s.methods().stream().anyMatch(ProtocolMethod::taught)) {
      long t0 = System.nanoTime();
      TrainingResult taught = job(data, teacherRecipe(s.seeds().get(0)), foldDir.resolve("teachers"))
          .optKeepBranches(true).build().run(listener);
      write(taught, teacherBundle);
      double[] ensemble = ensembleScores(taught);
      costs.putIfAbsent(ProtocolMethod.TEACHERS, new Cost(sum(taught.outcome().complexity()), bytes(teacherBundle)));
      if (s.methods().contains(ProtocolMethod.TEACHERS)) {
        runs.add(new ProtocolResult.Run(ProtocolMethod.TEACHERS.cliName(), fold, s.seeds().get(0), ensemble[0], ensemble[1],
            data.windows().test().clips(), seconds(t0)));
        listener.note(progress(runs.size(), total, ProtocolMethod.TEACHERS, fold, s.seeds().get(0), ensemble[0], seconds(t0)));
      }
    }
    for (int si = 0; si < s.seeds().size(); si++) {
      long seed = s.seeds().get(si);
      for (ProtocolMethod method : s.methods()) {
        if (method == ProtocolMethod.TEACHERS) {
          continue;
        }
        long t0 = System.nanoTime();
        TrainingJob.Builder job = job(data, recipeFor(method, seed, si == 0 ? teacherBundle : null, foldDir),
            foldDir.resolve(method.cliName() + "-seed-" + seed));
        if (method == ProtocolMethod.CED_UNLABELLED) {
          job.optUnlabelledAudio(unlabelled);
        }
        TrainingResult result = job.build().run(listener);
        Path bundle = foldDir.resolve(method.cliName() + "-seed-" + seed + ".bundle");
        write(result, bundle);
        EvaluationReport e = result.outcome().evaluation();
        runs.add(new ProtocolResult.Run(method.cliName(), fold, seed, e.accuracy(), e.mapAt3(), e.n(), seconds(t0)));
        costs.putIfAbsent(method, new Cost(student(result.outcome().complexity()), bytes(bundle)));
        listener.note(progress(runs.size(), total, method, fold, seed, e.accuracy(), seconds(t0)));
      }
    }
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
    return r.with(m);
  }

  /**
   * The recipe of one student run. The CED methods write their store from {@code teacherBundle}
   * on the first seed (non-null) and read it on the others.
   */
  private TrainingRecipe recipeFor(ProtocolMethod method, long seed, Path teacherBundle, Path foldDir) {
    TrainingRecipe r = settings.recipe();
    String student = r.studentName();
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

  private ProtocolResult.MethodSummary summary(ProtocolMethod method, List<ProtocolResult.Run> runs, Cost cost) {
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
    return new ProtocolResult.MethodSummary(method.cliName(), accuracy, map, accuracyGain, mapGain, cost.complexity().parameters(),
        cost.complexity().macs(), cost.bundleBytes());
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
    return String.format(Locale.ROOT, "[%d/%d] fold %d seed %d %s: test accuracy %.3f (%d s)", done, total, fold + 1, seed,
        method.cliName(), acc, seconds);
  }

  private record Cost(ModelComplexity complexity, long bundleBytes) {}
}
