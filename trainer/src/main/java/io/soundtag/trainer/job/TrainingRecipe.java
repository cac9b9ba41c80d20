package io.soundtag.trainer.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soundtag.core.bundle.ModelBundle;
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
 *   "distillation": {"cycles": 4, "singleEpochs": 1, "distillEpochs": 1, "temperature": 2, "lambda": 1},
 *   "augmentation": {"mixup": 0.3},
 *   "schedule": {"learningRate": 0.003, "batchSize": 32},
 *   "crops": 3,
 *   "seed": 1
 * }
 * }</pre>
 *
 * @param method {@code supervised} (each branch on the labels) or {@code mrkd} (multi-representation
 *     knowledge distillation)
 * @param branches {@code representation:architecture} pairs
 * @param student the branch the bundle serves; {@code null} for the first
 * @param width base channels of every network; 0 keeps each architecture's default
 * @param audio sample rate, framing and window of the model
 * @param epochs supervised: epochs per branch
 * @param distillation mrkd: cycles and the per-cycle epochs, temperature and KL weight
 * @param augmentation augmentation of every training epoch
 * @param schedule optimiser settings
 * @param crops training crops per clip longer than a window
 * @param seed seeds data order, initialisation and augmentation
 */
public record TrainingRecipe(
    String method, List<String> branches, String student, int width, Audio audio, int epochs, Distillation distillation,
    Augmentation augmentation, Schedule schedule, int crops, long seed) {

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
   * The cycles of multi-representation distillation.
   *
   * @param cycles Q
   * @param singleEpochs b, single-branch epochs per cycle
   * @param distillEpochs d, distillation epochs per cycle
   * @param temperature T of the soft labels
   * @param lambda weight of the KL term
   */
  public record Distillation(int cycles, int singleEpochs, int distillEpochs, double temperature, double lambda) {}

  /** @param mixup Beta(α, α) of mixup; 0 turns it off */
  public record Augmentation(double mixup) {}

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
    if (audio == null || distillation == null || augmentation == null || schedule == null) {
      throw new IllegalArgumentException("the recipe's audio, distillation, augmentation and schedule must be objects");
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
    // parse now, so a bad branch or schedule is reported when the recipe is read, not after the data is loaded
    branchSpecs(branches, student, audio, width);
    plan(Recipe.fromCliName(method), epochs, distillation, augmentation, schedule, seed);
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
        new Audio(16_000, 512, 20, 1000, 500), 8, new Distillation(4, 1, 1, 2, 1), new Augmentation(0.3),
        new Schedule(0.003, 32), 3, 1);
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

  /** The training method. */
  public Recipe recipe() {
    return Recipe.fromCliName(method);
  }

  /** The branches with every parameter. */
  public List<BranchSpec> branchSpecs() {
    return branchSpecs(branches, student, audio, width);
  }

  /** Name of the student branch, e.g. {@code logmel-cpmobile}. */
  public String studentName() {
    return student == null ? branchSpecs().get(0).name()
        : BranchSpec.parse(student, audio.sampleRate(), width, framing(audio)).name();
  }

  /** The schedule and hyper-parameters. */
  public DistillationPlan plan() {
    return plan(recipe(), epochs, distillation, augmentation, schedule, seed);
  }

  private static List<BranchSpec> branchSpecs(List<String> branches, String student, Audio audio, int width) {
    Framing framing = framing(audio);
    List<BranchSpec> specs = BranchSpec.parseList(String.join(",", branches), audio.sampleRate(), width, framing);
    if (student != null) {
      String name = BranchSpec.parse(student, audio.sampleRate(), width, framing).name();
      if (specs.stream().noneMatch(b -> b.name().equals(name))) {
        throw new IllegalArgumentException("student " + student + " is not one of the branches " + branches);
      }
    }
    return specs;
  }

  private static Framing framing(Audio audio) {
    return Framing.of(audio.sampleRate(), audio.fftSize(), audio.frameHopMs());
  }

  private static DistillationPlan plan(Recipe method, int epochs, Distillation d, Augmentation a, Schedule s, long seed) {
    return method == Recipe.MRKD
        ? new DistillationPlan(d.cycles(), d.singleEpochs(), d.distillEpochs(), d.temperature(), d.lambda(), a.mixup(),
            s.batchSize(), s.learningRate(), seed)
        : DistillationPlan.supervised(epochs, a.mixup(), s.batchSize(), s.learningRate(), seed);
  }
}
