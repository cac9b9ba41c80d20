package io.soundtag.trainer.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.augment.BandLimit;
import io.soundtag.trainer.augment.FMix;
import io.soundtag.trainer.augment.FreqMixStyle;
import io.soundtag.trainer.augment.FrequencyMask;
import io.soundtag.trainer.augment.Gain;
import io.soundtag.trainer.augment.Reverb;
import io.soundtag.trainer.augment.TimeMask;
import io.soundtag.trainer.augment.TimeShift;
import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.distill.DistillationForm;
import io.soundtag.trainer.recipe.QuantisationSettings;
import io.soundtag.trainer.recipe.Recipe;
import io.soundtag.trainer.training.BranchSpec;
import io.soundtag.trainer.training.DistillationPlan;
import io.soundtag.trainer.training.Framing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to train, as a small JSON file: the branches (representation × architecture), the student,
 * the schedule of the distillation, augmentation, optimiser settings and the seed. Every field is
 * optional in a file; a missing one keeps its value from {@link #defaults()}.
 *
 * <pre>{@code
 * {
 *   "method": "mrkd",
 *   "branches": ["logmel:cpmobile", "gammatone:cpmobile"],
 *   "student": null,
 *   "width": 24,
 *   "audio": {"sampleRate": 16000, "fftSize": 512, "frameHopMs": 20, "windowMs": 1000, "hopMs": 500},
 *   "epochs": 8,
 *   "distillation": {"cycles": 4, "singleEpochs": 1, "distillEpochs": 1, "temperature": 2, "lambda": 1, "form": "hinton"},
 *   "augmentation": {"mixup": 0.3, "mixupDomain": "features", "fmix": 0, "freqMixStyle": 0, "timeShiftMs": 0,
 *                    "gainDb": 0, "bandLimitHz": null, "reverbRt60": null, "timeMasks": null, "freqMasks": null},
 *   "teachers": {"branches": [], "width": 0, "epochs": 12, "bundles": []},
 *   "store": {"file": null, "epochs": 8, "topK": 0},
 *   "schedule": {"learningRate": 0.003, "batchSize": 32},
 *   "quantise": {"bits": 0, "epochs": 2, "learningRate": 0.0003},
 *   "crops": 3,
 *   "seed": 1
 * }
 * }</pre>
 *
 * @param method {@code supervised} (each branch on the labels), {@code mrkd} (multi-representation
 *     knowledge distillation) or {@code ced} (teachers → logit store → student)
 * @param branches {@code representation:architecture} pairs (for ced only the student counts)
 * @param student the branch the bundle serves; {@code null} for the first
 * @param width base channels of every network; 0 keeps each architecture's default
 * @param audio sample rate, framing and window of the model
 * @param epochs supervised: epochs per branch
 * @param distillation mrkd: cycles and the per-cycle epochs, temperature and KL weight
 * @param augmentation augmentation of every training epoch
 * @param schedule optimiser settings
 * @param crops training crops per clip longer than a window
 * @param seed seeds data order, initialisation and augmentation
 * @param teachers frozen teachers: ced distils them into its store, mrkd adds them to every cycle
 * @param store ced's logit store
 * @param fusion feature fusion's pre-training and joint fine-tuning
 * @param quantise int8 quantisation-aware fine-tuning of the served student after training
 * @param coarseWeight β of a coarse head trained beside the fine classifier, {@code L = L_fine +
 *     β·L_coarse} (Bai et al., "Hierarchical Acoustic Scene Classification with Knowledge
 *     Distillation and Pre-trained Dynamic Networks"); needs a coarse taxonomy and the supervised
 *     or mrkd method. 0, the default, trains no coarse head and is left out of the JSON, so the
 *     hash of every recipe without one is what it was.
 */
public record TrainingRecipe(
    String method, List<String> branches, String student, int width, Audio audio, int epochs, Distillation distillation,
    Augmentation augmentation, Schedule schedule, int crops, long seed, Teachers teachers, Store store, Fusion fusion,
    Quantise quantise, @JsonInclude(JsonInclude.Include.NON_DEFAULT) double coarseWeight) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  /**
   * The model's audio: analysis rate, the frames of every representation and the input window.
   *
   * @param sampleRate analysis rate, Hz
   * @param fftSize FFT and analysis-window length of every representation, samples
   * @param frameHopMs hop between feature frames
   * @param windowMs the model's input length
   * @param hopMs hop between windows when tagging a stream
   */
  public record Audio(int sampleRate, int fftSize, double frameHopMs, int windowMs, int hopMs) {
    public Audio {
      if (sampleRate < 4000 || sampleRate > 192_000) {
        throw new IllegalArgumentException("audio.sampleRate must be in 4000..192000 Hz, got " + sampleRate);
      }
      if (windowMs < 50 || hopMs < 10 || hopMs > windowMs) {
        throw new IllegalArgumentException("audio.windowMs must be at least 50 and audio.hopMs in 10..windowMs; got "
            + windowMs + " and " + hopMs);
      }
    }

    int windowSamples() {
      return (int) ((long) sampleRate * windowMs / 1000);
    }

    int hopSamples() {
      return (int) ((long) sampleRate * hopMs / 1000);
    }
  }

  /**
   * The cycles of multi-representation distillation, and the KD settings of ced.
   *
   * @param cycles Q
   * @param singleEpochs b, single-branch epochs per cycle
   * @param distillEpochs d, distillation epochs per cycle
   * @param temperature T of the soft labels (ced: of the stored teacher logits and the student)
   * @param lambda mrkd: weight of the KL term; ced: λ of (1 − λ)·CE + λ·KD, in [0, 1]
   * @param form mrkd: {@code hinton} (CE + λ·T²·KL(P̄ ‖ P)) or {@code paper} (Eq. 4–5 as printed)
   */
  public record Distillation(int cycles, int singleEpochs, int distillEpochs, double temperature, double lambda, String form) {
    public Distillation {
      DistillationForm.fromCliName(form == null ? "" : form);
    }
  }

  /**
   * Every augmentation of the training views (see {@link ViewAugmentation}); 0 or null turns each off.
   *
   * @param mixup Beta(α, α) of mixup
   * @param mixupDomain {@code features} or {@code waveform}
   * @param fmix Beta(α, α) of FMix (not with mixup)
   * @param freqMixStyle probability of Freq-MixStyle per view (α = 0.3)
   * @param timeShiftMs largest waveform shift, rolled
   * @param gainDb gain drawn in ± this many dB
   * @param bandLimitHz low-pass cut-off range {@code [lo, hi]} Hz
   * @param reverbRt60 RT60 range {@code [lo, hi]} s of the synthetic room responses
   * @param timeMasks SpecAugment {@code [count, widest]} in frames
   * @param freqMasks SpecAugment {@code [count, widest]} in bins
   */
  public record Augmentation(double mixup, String mixupDomain, double fmix, double freqMixStyle, double timeShiftMs, double gainDb,
      List<Double> bandLimitHz, List<Double> reverbRt60, List<Integer> timeMasks, List<Integer> freqMasks) {

    /** Only mixup, in the feature domain. */
    public static Augmentation mixupOnly(double alpha) {
      return new Augmentation(alpha, "features", 0, 0, 0, 0, null, null, null, null);
    }

    /** The views' augmentation at {@code sampleRate}; the message of a bad setting names the field. */
    public ViewAugmentation view(int sampleRate) {
      if (timeShiftMs < 0 || gainDb < 0 || fmix < 0 || freqMixStyle < 0 || freqMixStyle > 1) {
        throw new IllegalArgumentException("augmentation.timeShiftMs, gainDb and fmix must be >= 0 and freqMixStyle in 0..1 "
            + "(0 turns each off)");
      }
      ViewAugmentation.MixupDomain domain = switch (String.valueOf(mixupDomain).toLowerCase(Locale.ROOT)) {
        case "features" -> ViewAugmentation.MixupDomain.FEATURES;
        case "waveform" -> ViewAugmentation.MixupDomain.WAVEFORM;
        default -> throw new IllegalArgumentException("augmentation.mixupDomain " + mixupDomain + ": use features or waveform");
      };
      List<Double> band = pair("bandLimitHz", bandLimitHz);
      List<Double> rt60 = pair("reverbRt60", reverbRt60);
      List<Integer> time = pair("timeMasks", timeMasks);
      List<Integer> frequency = pair("freqMasks", freqMasks);
      return new ViewAugmentation(
          timeShiftMs > 0 ? new TimeShift((int) Math.round(sampleRate * timeShiftMs / 1000), true) : null,
          gainDb > 0 ? new Gain(-gainDb, gainDb) : null,
          band != null ? new BandLimit(sampleRate, band.get(0), band.get(1), 101) : null,
          rt60 != null ? new Reverb(sampleRate, rt60.get(0), rt60.get(1)) : null,
          mixup, domain,
          fmix > 0 ? new FMix(fmix, 3, 8) : null,
          freqMixStyle > 0 ? new FreqMixStyle(freqMixStyle, 0.3, 1e-6) : null,
          time != null ? new TimeMask(time.get(0), time.get(1), 0f) : null,
          frequency != null ? new FrequencyMask(frequency.get(0), frequency.get(1), 0f) : null);
    }

    private static <T> List<T> pair(String field, List<T> values) {
      if (values != null && (values.size() != 2 || values.contains(null))) {
        throw new IllegalArgumentException("augmentation." + field + " must be two numbers [a, b], got " + values);
      }
      return values;
    }
  }

  /**
   * Frozen teachers.
   *
   * @param branches teachers trained first on the labels, {@code representation:architecture}
   * @param width their base channels; 0 keeps each architecture's default
   * @param epochs supervised epochs of each
   * @param bundles bundle files whose every branch is a teacher as it is
   */
  public record Teachers(List<String> branches, int width, int epochs, List<String> bundles) {
    public Teachers {
      branches = branches == null ? List.of() : List.copyOf(branches);
      bundles = bundles == null ? List.of() : List.copyOf(bundles);
      if (width < 0 || epochs < 1) {
        throw new IllegalArgumentException("teachers.width must be >= 0 and teachers.epochs >= 1; got " + width + " and " + epochs);
      }
    }
  }

  /**
   * The logit store of ced.
   *
   * @param file the store; null puts it in the job's work directory as {@code logits.bin}
   * @param epochs augmented views stored per training window
   * @param topK logits kept per view; 0 keeps every class
   */
  public record Store(String file, int epochs, int topK) {
    public Store {
      if (epochs < 1 || topK < 0) {
        throw new IllegalArgumentException("store.epochs must be >= 1 and store.topK >= 0 (0: every class); got " + epochs
            + " and " + topK);
      }
    }
  }

  /**
   * Feature-fusion distillation (Sistla &amp; Jain): phase 1 trains every branch alone, phase 2 all
   * of them with the fusion module.
   *
   * @param pretrainEpochs phase 1: supervised epochs of each branch, at least 1
   * @param epochs phase 2: joint fine-tuning epochs, at least 1
   * @param lambda weight of the MSE between each branch's and the fusion module's logits at the end
   *     of its sigmoid ramp-up (the paper's is 0.01)
   */
  public record Fusion(int pretrainEpochs, int epochs, double lambda) {
    public Fusion {
      if (pretrainEpochs < 1 || epochs < 1 || !(lambda >= 0)) {
        throw new IllegalArgumentException("fusion.pretrainEpochs and fusion.epochs must be >= 1 and fusion.lambda >= 0; got "
            + pretrainEpochs + ", " + epochs + " and " + lambda);
      }
    }
  }

  /**
   * Quantisation of the served student: after the recipe has trained it, its batch norms are
   * folded and it fine-tunes with fake-quantised int8 weights (per output channel) and activations
   * (per tensor) for {@code epochs}; the bundle stores it in int8.
   *
   * @param bits 0 keeps the student float32; 8 quantises it to int8
   * @param epochs epochs of quantisation-aware fine-tuning, at least 1
   * @param learningRate peak Adam learning rate of the fine-tuning, cosine-decayed over it
   */
  public record Quantise(int bits, int epochs, double learningRate) {
    public Quantise {
      if (bits != 0 && bits != 8) {
        throw new IllegalArgumentException("quantise.bits must be 0 (float32) or 8 (int8), got " + bits);
      }
      if (epochs < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("quantise.epochs must be >= 1 and quantise.learningRate > 0; got " + epochs + " and "
            + learningRate);
      }
    }
  }

  /**
   * @param learningRate peak Adam learning rate, cosine-decayed over the run
   * @param batchSize windows per optimiser step
   */
  public record Schedule(double learningRate, int batchSize) {}

  public TrainingRecipe {
    Recipe.fromCliName(method);
    if (branches == null || branches.isEmpty()) {
      throw new IllegalArgumentException("the recipe needs at least one branch, e.g. \"branches\": [\"logmel:cpmobile\"]");
    }
    branches = List.copyOf(branches);
    if (audio == null || distillation == null || augmentation == null || schedule == null || teachers == null || store == null
        || fusion == null || quantise == null) {
      throw new IllegalArgumentException("the recipe's audio, distillation, augmentation, schedule, teachers, store, fusion and "
          + "quantise must be objects");
    }
    if (Recipe.fromCliName(method) == Recipe.FUSION && branches.size() < 2) {
      throw new IllegalArgumentException("fusion joins at least two branches, e.g. \"branches\": [\"logmel:cpmobile\", \"gammatone:cpmobile\"]");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (crops < 1) {
      throw new IllegalArgumentException("crops must be at least 1, got " + crops);
    }
    if (width < 0) {
      throw new IllegalArgumentException("width must be >= 0 (0 keeps each architecture's default), got " + width);
    }
    if (!(coarseWeight >= 0) || Double.isInfinite(coarseWeight)) {
      throw new IllegalArgumentException("coarseWeight must be >= 0 (0 trains no coarse head), got " + coarseWeight);
    }
    if (coarseWeight > 0 && !Recipe.fromCliName(method).takesCoarseHead()) {
      throw new IllegalArgumentException(Recipe.fromCliName(method).coarseHeadRefusal());
    }
    // parse now, so a bad branch or schedule is reported when the recipe is read, not after the data is loaded
    branchSpecs(Recipe.fromCliName(method), branches, student, audio, width);
    plan(Recipe.fromCliName(method), epochs, distillation, fusion, augmentation.view(audio.sampleRate()), schedule, seed);
    teacherSpecs(teachers, audio);
  }

  /**
   * The default: log-Mel and gammatone CP-Mobile branches (width 24; the log-Mel one is the student,
   * the shipped model's network, so a sidecar warm-starts from it) at 16 kHz, 512-point frames every
   * 20 ms, distilled for 4 cycles of one single-branch and one distillation epoch with mixup 0.3:
   * 8 epochs per branch, sized for a few hundred clips on two CPU cores (trainer/README.md has a
   * measured time).
   */
  public static TrainingRecipe defaults() {
    return new TrainingRecipe("mrkd", List.of("logmel:cpmobile", "gammatone:cpmobile"), null, 24,
        new Audio(16_000, 512, 20, 1000, 500), 8, new Distillation(4, 1, 1, 2, 1, "hinton"), Augmentation.mixupOnly(0.3),
        new Schedule(0.003, 32), 3, 1, new Teachers(List.of(), 0, 12, List.of()), new Store(null, 8, 0),
        new Fusion(8, 8, 0.01), new Quantise(0, 2, 0.0003), 0);
  }

  /**
   * Reads a recipe file; fields it leaves out keep the values of {@link #defaults()}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static TrainingRecipe read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the recipe " + file + ": " + e, e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException((e.getMessage().startsWith("cannot read") ? "" : "the recipe ") + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Parses a recipe's JSON text (as {@link #toJson()} writes it, or with fields left out).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static TrainingRecipe parse(String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the recipe: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("a recipe must be a JSON object, e.g. {\"method\": \"mrkd\"}");
    }
    return defaults().overlay(tree);
  }

  /**
   * This recipe with the fields of {@code tree} laid over it (objects merged field by field).
   *
   * @throws IllegalArgumentException for an unknown field or a bad value
   */
  public TrainingRecipe overlay(JsonNode tree) {
    ObjectNode merged = JSON.valueToTree(this);
    merge(merged, tree);
    try {
      return JSON.treeToValue(merged, TrainingRecipe.class);
    } catch (IOException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String message = cause.getMessage() == null ? e.toString() : cause.getMessage().lines().findFirst().orElse("");
      throw new IllegalArgumentException(message.replaceAll(" \\(class io\\.soundtag[^)]*\\)", ""), e);
    }
  }

  /**
   * This recipe with single values replaced, by dotted field path, e.g. {@code
   * Map.of("schedule.batchSize", 8, "epochs", 2)}.
   */
  public TrainingRecipe with(Map<String, ?> values) {
    ObjectNode tree = JSON.createObjectNode();
    // dotted paths become nested objects: "schedule.batchSize" → {"schedule": {"batchSize": …}}
    values.forEach((path, value) -> {
      String[] parts = path.split("\\.");
      ObjectNode at = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
      }
      at.set(parts[parts.length - 1], value == null ? JSON.nullNode() : JSON.valueToTree(value));
    });
    return overlay(tree);
  }

  private static void merge(ObjectNode into, JsonNode from) {
    from.fields().forEachRemaining(e -> {
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        into.set(e.getKey(), e.getValue());
      }
    });
  }

  /** The recipe as indented JSON, the format {@link #read} reads. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first 16 hex digits of the SHA-256 of the recipe's canonical JSON: equal recipes, equal hashes. */
  public String hash() {
    try {
      return ModelBundle.sha256(JSON.writeValueAsBytes(this)).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The int8 fine-tuning of the student, or null when it stays float32. */
  public QuantisationSettings quantisation() {
    return quantise.bits() == 0 ? null : new QuantisationSettings(quantise.epochs(), quantise.learningRate());
  }

  /** The training method. */
  public Recipe recipe() {
    return Recipe.fromCliName(method);
  }

  /** The branches with every parameter; for ced the student alone. */
  public List<BranchSpec> branchSpecs() {
    return branchSpecs(recipe(), branches, student, audio, width);
  }

  /** The teachers to train first, with every parameter. */
  public List<BranchSpec> teacherSpecs() {
    return teacherSpecs(teachers, audio);
  }

  /** Name of the student branch, e.g. {@code logmel-cpmobile}. */
  public String studentName() {
    return student == null ? branchSpecs().get(0).name()
        : BranchSpec.parse(student, audio.sampleRate(), width, framing(audio)).name();
  }

  /** The schedule and hyper-parameters. */
  public DistillationPlan plan() {
    return plan(recipe(), epochs, distillation, fusion, augmentation.view(audio.sampleRate()), schedule, seed);
  }

  private static List<BranchSpec> branchSpecs(Recipe method, List<String> branches, String student, Audio audio, int width) {
    Framing framing = framing(audio);
    if (method == Recipe.CED) {
      return List.of(BranchSpec.parse(student != null ? student : branches.get(0), audio.sampleRate(), width, framing));
    }
    List<BranchSpec> specs = BranchSpec.parseList(String.join(",", branches), audio.sampleRate(), width, framing);
    if (student != null) {
      String name = BranchSpec.parse(student, audio.sampleRate(), width, framing).name();
      if (specs.stream().noneMatch(b -> b.name().equals(name))) {
        throw new IllegalArgumentException("student " + student + " is not one of the branches " + branches);
      }
    }
    return specs;
  }

  private static List<BranchSpec> teacherSpecs(Teachers teachers, Audio audio) {
    return teachers.branches().isEmpty() ? List.of()
        : BranchSpec.parseList(String.join(",", teachers.branches()), audio.sampleRate(), teachers.width(), framing(audio));
  }

  private static Framing framing(Audio audio) {
    return Framing.of(audio.sampleRate(), audio.fftSize(), audio.frameHopMs());
  }

  private static DistillationPlan plan(Recipe method, int epochs, Distillation d, Fusion f, ViewAugmentation a, Schedule s,
      long seed) {
    return switch (method) {
      case MRKD -> new DistillationPlan(d.cycles(), d.singleEpochs(), d.distillEpochs(), d.temperature(), d.lambda(),
          DistillationForm.fromCliName(d.form()), a, s.batchSize(), s.learningRate(), seed);
      // ced: the student's epochs; λ and T are its KD weight and temperature
      case CED -> new DistillationPlan(epochs, 1, 0, d.temperature(), d.lambda(), DistillationForm.HINTON, a, s.batchSize(),
          s.learningRate(), seed);
      case SUPERVISED -> DistillationPlan.supervised(epochs, a, s.batchSize(), s.learningRate(), seed);
      // fusion: one "cycle" of b pre-training and d joint fine-tuning epochs; λ the MSE weight
      case FUSION -> new DistillationPlan(1, f.pretrainEpochs(), f.epochs(), 1, f.lambda(), DistillationForm.HINTON, a,
          s.batchSize(), s.learningRate(), seed);
    };
  }
}
