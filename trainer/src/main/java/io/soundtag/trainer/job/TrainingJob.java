package io.soundtag.trainer.job;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.inference.Devices;
import io.soundtag.trainer.clips.UnlabelledAudio;
import io.soundtag.trainer.recipe.LogitStoreSettings;
import io.soundtag.trainer.recipe.Recipe;
import io.soundtag.trainer.recipe.RunOutcome;
import io.soundtag.trainer.recipe.RunSpec;
import io.soundtag.trainer.recipe.Teachers;
import io.soundtag.trainer.recipe.TrainingRun;
import io.soundtag.trainer.evaluation.OpenSetReport;
import io.soundtag.trainer.report.RunReport;
import io.soundtag.trainer.taxonomy.OpenSetCalibration;
import io.soundtag.trainer.taxonomy.Taxonomy;
import io.soundtag.trainer.training.BranchSpec;
import io.soundtag.trainer.training.CoarseHead;
import io.soundtag.trainer.training.DistillationPlan;
import io.soundtag.trainer.training.WarmStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.io.file.PathUtils;

/**
 * The trainer's front door: labelled audio and a recipe in, a model bundle, its evaluation and a
 * report out. {@code soundtag train}, the sidecar and the tests all train through it.
 *
 * <pre>{@code
 * TrainingResult result = TrainingJob.builder()
 *     .setData(TrainingData.dataset(Path.of("DEV/dev"), DatasetFormat.FOLDER, BadRowPolicy.SKIP, null))
 *     .optRecipe(TrainingRecipe.read(Path.of("recipe.json")))
 *     .optWarmStart(servedBundle)
 *     .optWorkDir(Path.of("run-report"))
 *     .build()
 *     .run(TrainingListener.console(System.err));
 * result.bundle().write(Path.of("model.bundle"));
 * }</pre>
 *
 * <p>A work directory holds the per-epoch checkpoints ({@code checkpoints/}) and the report
 * ({@code index.html} with its plots); with {@link Builder#optResume} a killed job continues from its
 * last checkpoint, otherwise old checkpoints there are deleted first. A warm start takes over the
 * parameters of every branch of the given bundle whose representation and architecture match the
 * recipe's; when the classes differ, every layer but the classifier head (which starts new).
 *
 * <p>A job stopped by {@link Builder#optStopAfterEpoch} throws {@link
 * io.soundtag.trainer.training.TrainingStopped} after its checkpoint.
 */
public final class TrainingJob {

  private final TrainingData data;
  private final TrainingRecipe recipe;
  private final ModelBundle warmStart;
  private final String modelName;
  private final Path workDir;
  private final boolean resume;
  private final Device device;
  private final int repeats;
  private final boolean compareIndependent;
  private final boolean keepBranches;
  private final int stopAfterEpoch;
  private final Path unlabelled;
  private final List<MonoAudio> unlabelledAudio;
  private final Long unlabelledCropSeed;
  private final Map<String, String> provenance;

  private TrainingJob(Builder b) {
    this.data = Objects.requireNonNull(b.data, "setData: a training job needs data");
    this.recipe = b.recipe;
    this.warmStart = b.warmStart;
    this.modelName = b.modelName;
    this.workDir = b.workDir;
    this.resume = b.resume;
    this.device = b.device != null ? b.device : Devices.preferred();
    this.repeats = b.repeats;
    this.compareIndependent = b.compareIndependent;
    this.keepBranches = b.keepBranches;
    this.stopAfterEpoch = b.stopAfterEpoch;
    this.unlabelled = b.unlabelled;
    this.unlabelledAudio = List.copyOf(b.unlabelledAudio);
    this.unlabelledCropSeed = b.unlabelledCropSeed;
    this.provenance = Map.copyOf(b.provenance);
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
    }
    if (compareIndependent && recipe.recipe() == Recipe.SUPERVISED) {
      throw new IllegalArgumentException("comparing with independent branches needs the mrkd or ced method");
    }
    if ((unlabelled != null || !unlabelledAudio.isEmpty()) && recipe.recipe() != Recipe.CED) {
      throw new IllegalArgumentException("unlabelled audio is taught by the teachers of the ced method only");
    }
    if (recipe.coarseWeight() > 0 && !(data instanceof TrainingData.Taxonomic)) {
      throw new IllegalArgumentException("coarseWeight " + recipe.coarseWeight() + " trains a coarse head, which needs a coarse "
          + "taxonomy: train on a taxonomy (fine classes in coarse groups), or set the coarse weight to 0");
    }
    if (recipe.recipe() == Recipe.CED && recipe.store().file() == null && workDir == null) {
      throw new IllegalArgumentException("ced keeps its logit store in a file: give the recipe's store.file or a work directory");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Prepares the data, trains, writes the report (with a work directory) and returns the bundle. */
  public TrainingResult run(TrainingListener listener) {
    PreparedData prepared = data.prepare(recipe, listener::note);
    if (unlabelled != null || !unlabelledAudio.isEmpty()) {
      List<float[]> windows = unlabelledWindows(listener);
      prepared = new PreparedData(prepared.name(), prepared.description() + " + " + windows.size() + " label-free windows",
          prepared.task(), prepared.classes(), prepared.windows().withUnlabelled(windows));
    }
    List<BranchSpec> branches = recipe.branchSpecs();
    List<WarmStart> warm = warmStarts(prepared, branches, listener);
    Map<String, String> recorded = new LinkedHashMap<>(provenance);
    recorded.put("data", prepared.description());
    recorded.put("recipe_json", recipe.toJson().replaceAll("\\s+", " "));
    recorded.put("recipe_hash", recipe.hash());
    if (!warm.isEmpty()) {
      recorded.put("warm_start", warmStart.manifest().modelName() + ":" + warmStart.manifest().version() + " "
          + warm.stream().map(w -> w.branch() + (w.keepHead() ? "" : " (new head)")).toList());
    }
    DistillationPlan plan = recipe.plan();
    recorded.put("augmentation", plan.augmentation().toString());
    Teachers teachers = new Teachers(recipe.teacherSpecs(), recipe.teachers().epochs(), teacherBundles());
    LogitStoreSettings store = null;
    if (recipe.recipe() == Recipe.CED) {
      TrainingRecipe.Store s = recipe.store();
      store = new LogitStoreSettings(s.file() != null ? Path.of(s.file()) : workDir.resolve("logits.bin"), s.epochs(),
          s.topK() > 0 ? s.topK() : prepared.classes().size());
      listener.note(teachers.isEmpty() ? "reusing the logit store " + store.file() + "; no teacher runs"
          : "writing the logit store " + store.file() + ": " + store.epochs() + " views per window, K = " + store.topK());
    }
    RunSpec spec = new RunSpec(recipe.recipe(), modelName != null ? modelName : prepared.name(), prepared.task(),
        prepared.classes(), recipe.audio().sampleRate(), recipe.audio().windowSamples(), recipe.audio().hopSamples(), branches,
        recipe.studentName(), plan, repeats, compareIndependent, keepBranches, recorded, teachers, store, recipe.quantisation());
    Path checkpoints = workDir == null ? null : workDir.resolve("checkpoints");
    if (checkpoints != null && !resume) {
      try {
        PathUtils.delete(checkpoints);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the old checkpoints in " + checkpoints, e);
      }
    }
    listener.note(String.format(java.util.Locale.ROOT, "%s on %d training windows, %d validation and %d test clips; branches %s; device %s",
        recipe.method(), prepared.windows().train().size(), prepared.windows().validation().clips(),
        prepared.windows().test().clips(), branches.stream().map(BranchSpec::name).toList(), device));
    RunOutcome outcome;
    listener.started("train " + recipe.method(), TrainingRun.totalSteps(spec, prepared.windows()));
    try {
      outcome = new TrainingRun(device, stopAfterEpoch, warm, coarseHead(prepared)).run(spec, prepared.windows(), checkpoints,
          listener::step);
    } finally {
      listener.finished();
    }
    ModelBundle bundle = outcome.bundle();
    OpenSetReport openSet = null;
    if (data instanceof TrainingData.Taxonomic t) {
      OpenSetCalibration.Calibrated c = OpenSetCalibration.calibrate(bundle, t.data().taxonomy(), prepared.windows().validation(),
          prepared.windows().test(), null, t.falseAlarmTarget(), device);
      bundle = c.bundle();
      openSet = c.test();
      listener.note("thresholds " + bundle.manifest().thresholds() + ", calibrated on the held-out packages: " + c.validation().summary()
          .lines().findFirst().orElse(""));
      listener.note("test clips: " + openSet.summary());
    }
    Path report = workDir == null ? null : writeReport(prepared, outcome, openSet);
    return new TrainingResult(bundle, outcome, prepared, report, warm.stream().map(WarmStart::branch).toList());
  }

  /** The recipe's coarse head over the taxonomy's groups, or null when its weight is 0. */
  private CoarseHead coarseHead(PreparedData prepared) {
    if (recipe.coarseWeight() == 0) {
      return null;
    }
    // the constructor let a coarse weight through with taxonomic data only
    Taxonomy taxonomy = ((TrainingData.Taxonomic) data).data().taxonomy();
    return CoarseHead.of(prepared.classes(), taxonomy.coarseOf(), recipe.coarseWeight());
  }

  private List<float[]> unlabelledWindows(TrainingListener listener) {
    TrainingRecipe.Audio a = recipe.audio();
    long cropSeed = unlabelledCropSeed != null ? unlabelledCropSeed : recipe.seed();
    List<float[]> windows = new ArrayList<>(
        UnlabelledAudio.windows(unlabelledAudio, a.sampleRate(), a.windowSamples(), recipe.crops(), cropSeed));
    if (unlabelled != null) {
      try {
        windows.addAll(UnlabelledAudio.windows(unlabelled, a.sampleRate(), a.windowSamples(), recipe.crops(), cropSeed,
            line -> listener.note("skipped " + line)));
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
    List<String> sources = new ArrayList<>();
    if (unlabelled != null) {
      sources.add(unlabelled.toString());
    }
    if (!unlabelledAudio.isEmpty()) {
      sources.add(unlabelledAudio.size() + " clips in memory");
    }
    listener.note(windows.size() + " label-free windows from " + String.join(" and ", sources));
    return windows;
  }

  private List<ModelBundle> teacherBundles() {
    List<ModelBundle> out = new ArrayList<>();
    for (String file : recipe.teachers().bundles()) {
      try {
        out.add(ModelBundle.read(Path.of(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the teacher bundle " + file + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private List<WarmStart> warmStarts(PreparedData prepared, List<BranchSpec> branches, TrainingListener listener) {
    if (warmStart == null) {
      return List.of();
    }
    BundleManifest m = warmStart.manifest();
    boolean sameClasses = m.classes().equals(prepared.classes());
    List<WarmStart> out = new ArrayList<>();
    for (BranchSpec b : branches) {
      BranchManifest served = m.branches().stream().filter(s -> s.name().equals(b.name())).findFirst().orElse(null);
      if (served == null) {
        continue;
      }
      if (served.quantised()) {
        listener.note("warm start: " + b.name() + " of " + m.modelName() + ":" + m.version()
            + " is int8 and has no float32 parameters to start from; it starts from scratch");
        continue;
      }
      if (!served.features().equals(b.features()) || !served.network().equals(b.network())) {
        listener.note("warm start: " + b.name() + " of " + m.modelName() + ":" + m.version()
            + " has other features or network settings than the recipe; it starts from scratch");
        continue;
      }
      out.add(new WarmStart(b.name(), warmStart.parameters(served), m.classes().size(), sameClasses));
    }
    if (out.isEmpty()) {
      listener.note("warm start: no branch of " + m.modelName() + ":" + m.version() + " matches the recipe; training from scratch");
    } else {
      listener.note("warm start from " + m.modelName() + ":" + m.version() + ": " + out.stream().map(WarmStart::branch).toList()
          + (sameClasses ? "" : ", classes changed (" + m.classes().size() + " → " + prepared.classes().size() + "): new head"));
    }
    return out;
  }

  private Path writeReport(PreparedData prepared, RunOutcome outcome, OpenSetReport openSet) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (openSet != null) {
      openSet.writeJson(workDir.resolve("open-set.json"));
      settings.put("open set (test clips, shipped thresholds; open-set.json)", openSet.summary());
    }
    if (!outcome.coarseHeadAccuracy().isEmpty()) {
      // the open-set coarse figures above come from the fine head's scores; these from the coarse head itself
      StringBuilder top1 = new StringBuilder();
      outcome.coarseHeadAccuracy().forEach((branch, accuracy) -> top1.append(top1.isEmpty() ? "" : "; ").append(branch)
          .append(String.format(java.util.Locale.ROOT, " %.1f%%", 100 * accuracy)));
      settings.put("coarse head top-1 (validation windows, β " + recipe.coarseWeight() + ")", top1.toString());
    }
    settings.put("recipe", recipe.method() + " (recipe " + recipe.hash() + ")");
    settings.put("data", prepared.description());
    settings.put("branches", String.join(",", recipe.branches()));
    settings.put("student", recipe.studentName());
    settings.put("plan", recipe.plan().toString());
    settings.put("augmentation", recipe.plan().augmentation().toString());
    if (!recipe.teachers().branches().isEmpty() || !recipe.teachers().bundles().isEmpty()) {
      settings.put("teachers", String.join(",", recipe.teachers().branches()) + " (" + recipe.teachers().epochs() + " epochs)"
          + (recipe.teachers().bundles().isEmpty() ? "" : " bundles " + recipe.teachers().bundles()));
    }
    settings.put("seeds", recipe.seed() + (repeats > 1 ? ".." + (recipe.seed() + repeats - 1) : ""));
    TrainingRecipe.Audio a = recipe.audio();
    settings.put("window", a.windowMs() + " ms at " + a.sampleRate() + " Hz, " + a.fftSize() + "-point frames every "
        + a.frameHopMs() + " ms; training crops per clip " + recipe.crops());
    settings.put("clip score", "window scores " + (prepared.task() == TaskType.SINGLE_LABEL ? "averaged" : "max-pooled") + " per clip");
    settings.put("bundle", (keepBranches ? "all branches" : "student only")
        + (recipe.quantisation() == null ? "" : ", student int8 after " + recipe.quantise().epochs() + " epochs of quantisation-aware "
        + "fine-tuning"));
    settings.put("bundle bytes", outcome.bundleBytesSummary());
    if (warmStart != null) {
      settings.put("warm start", warmStart.manifest().modelName() + ":" + warmStart.manifest().version());
    }
    provenance.forEach(settings::putIfAbsent);
    return new RunReport("soundtag train — " + recipe.method() + ", " + prepared.description(), outcome.history(),
        outcome.evaluation(), outcome.results(), outcome.complexity(), settings).writeTo(workDir);
  }

  /** Builds a {@link TrainingJob}: {@code setData} is required, every {@code opt…} optional. */
  public static final class Builder {
    private TrainingData data;
    private TrainingRecipe recipe = TrainingRecipe.defaults();
    private ModelBundle warmStart;
    private String modelName;
    private Path workDir;
    private boolean resume;
    private Device device;
    private int repeats = 1;
    private boolean compareIndependent;
    private boolean keepBranches;
    private int stopAfterEpoch = Integer.MAX_VALUE;
    private Path unlabelled;
    private List<MonoAudio> unlabelledAudio = List.of();
    private Long unlabelledCropSeed;
    private final Map<String, String> provenance = new LinkedHashMap<>();

    private Builder() {}

    /** The labelled audio to train on. */
    public Builder setData(TrainingData data) {
      this.data = data;
      return this;
    }

    /** What to train (default: {@link TrainingRecipe#defaults()}). */
    public Builder optRecipe(TrainingRecipe recipe) {
      this.recipe = Objects.requireNonNull(recipe, "recipe");
      return this;
    }

    /** Start matching branches from this bundle's parameters (e.g. the served release); null for none. */
    public Builder optWarmStart(ModelBundle bundle) {
      this.warmStart = bundle;
      return this;
    }

    /** The bundle's model name (default: the data's name). */
    public Builder optModelName(String name) {
      this.modelName = name;
      return this;
    }

    /** Where checkpoints and the report go; without one, neither is written. */
    public Builder optWorkDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** Continue from the last checkpoint in the work directory instead of starting afresh. */
    public Builder optResume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /** The device to train on (default: a GPU when present, else the CPU). */
    public Builder optDevice(Device device) {
      this.device = device;
      return this;
    }

    /** Run seeds {@code seed .. seed + n - 1} and report mean ± sd; the bundle is the first seed's. */
    public Builder optRepeats(int n) {
      this.repeats = n;
      return this;
    }

    /** mrkd and ced: also train every branch alone for the same epochs, for the independent-vs-distilled table. */
    public Builder optCompareIndependent(boolean compare) {
      this.compareIndependent = compare;
      return this;
    }

    /** Put every branch in the bundle (ensemble serving), not only the student. */
    public Builder optKeepBranches(boolean keep) {
      this.keepBranches = keep;
      return this;
    }

    /**
     * ced: a folder of WAV files (any rate, any sub-folder) cut into label-free windows that only
     * the teachers label; null for none.
     */
    public Builder optUnlabelled(Path dir) {
      this.unlabelled = dir;
      return this;
    }

    /**
     * ced: audio in memory (e.g. a site's recent {@code audio.chunks}) cut into label-free windows
     * that only the teachers label, so the student adapts to the site's microphones and background.
     */
    public Builder optUnlabelledAudio(List<MonoAudio> audio) {
      this.unlabelledAudio = List.copyOf(audio);
      return this;
    }

    /**
     * Seeds the crops of the label-free windows (default: the recipe's seed). Runs with other
     * training seeds that share one logit store must cut the same windows, so a protocol fixes it
     * to the seed its labelled windows were cut with.
     */
    public Builder optUnlabelledCropSeed(long seed) {
      this.unlabelledCropSeed = seed;
      return this;
    }

    /** Stop after checkpointing this epoch (a time-sliced run; resume continues it). */
    public Builder optStopAfterEpoch(int epoch) {
      this.stopAfterEpoch = epoch;
      return this;
    }

    /** A fact recorded in the bundle's provenance (e.g. the command line, the label snapshot). */
    public Builder optProvenance(String key, String value) {
      this.provenance.put(key, value);
      return this;
    }

    public TrainingJob build() {
      return new TrainingJob(this);
    }
  }
}
