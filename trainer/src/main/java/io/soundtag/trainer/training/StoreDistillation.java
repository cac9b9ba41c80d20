package io.soundtag.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.CosineTracker;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.augment.AugmentationSeed;
import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.logits.LogitStore;
import io.soundtag.trainer.report.EpochRecord;
import io.soundtag.trainer.report.TrainingHistory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ensemble distillation through a logit store, after "CED: Consistent ensemble distillation for
 * audio tagging" (Dinkel et al.): the teachers run once, over {@code E} augmented views of every
 * training window, and the store keeps each view's seed with the ensemble's top-K logits
 * ({@link #writeStore}); a student then trains from the store alone ({@link #train}), regenerating
 * each view from its stored seed, so it learns from exactly the view its teachers scored. Later
 * students reuse the store without running a teacher.
 *
 * <p>The student's loss on a view is {@code (1 − λ)·L_ce + λ·L_kd}: {@code L_kd} the divergence of
 * the plan's {@link io.soundtag.trainer.distill.DistillationForm} between the stored teacher
 * probabilities (at the plan's temperature; classes outside the top K have probability 0) and the
 * student's, {@code L_ce} the supervised loss on the view's mixed labels. λ = 1 is CED's
 * label-free training. Label-free windows (from unlabelled audio) contribute only {@code λ·L_kd}.
 * Where this deviates from CED: CED optimises a BCE against the teachers' sigmoid outputs on
 * AudioSet; single-label tasks here use the softmax KL, and the optional CE term is not in CED.
 */
public final class StoreDistillation {

  private static final Logger LOG = LoggerFactory.getLogger(StoreDistillation.class);
  private static final int INFERENCE_BATCH = 64;

  private final Device device;
  private final List<WarmStart> warmStarts;

  public StoreDistillation(Device device) {
    this(device, List.of());
  }

  /** @param warmStarts a student named in one starts from its parameters (e.g. the served model's) */
  public StoreDistillation(Device device, List<WarmStart> warmStarts) {
    this.device = device;
    this.warmStarts = List.copyOf(warmStarts);
  }

  /**
   * Scores {@code epochs} views of every cached training window (labelled and label-free) with
   * the ensemble of {@code teachers} and writes them to {@code file}.
   *
   * @param runSeed the view seeds are {@code (int) AugmentationSeed.of(runSeed, epoch, window)}
   * @param topK logits kept per view
   * @param onView called once per view written (progress)
   * @return the store as written
   */
  public LogitStore writeStore(Path file, List<CyclicDistillation.TrainedBranch> teachers, CyclicDistillation.Data data,
      ViewAugmentation augmentation, long runSeed, int epochs, int topK, Runnable onView) throws IOException {
    if (teachers.isEmpty()) {
      throw new IllegalArgumentException("a logit store needs at least one teacher");
    }
    AugmentedViews views = data.views(augmentation);
    int n = views.size();
    LogitStore.Header header = new LogitStore.Header(topK, data.classes(), data.task(), epochs, n, data.trainTargets().size(),
        runSeed, fingerprint(data.features().trainWindows(), data.trainTargets().size()),
        teachers.stream().map(t -> t.spec().name() + ":" + t.spec().network()).toList(), augmentation.toString());
    int windowSamples = data.features().trainWindows().get(0).length;
    List<FrozenTeacher> frozen = new ArrayList<>();
    long t0 = System.nanoTime();
    try (LogitStore.Writer writer = LogitStore.create(file, header)) {
      for (CyclicDistillation.TrainedBranch t : teachers) {
        frozen.add(new FrozenTeacher(t, data.classes(), windowSamples, device));
      }
      int[] identity = new int[n];
      for (int i = 0; i < n; i++) {
        identity[i] = i;
      }
      for (int epoch = 1; epoch <= epochs; epoch++) {
        for (int start = 0; start < n; start += INFERENCE_BATCH) {
          int end = Math.min(n, start + INFERENCE_BATCH);
          float[][] mean = new float[end - start][data.classes()];
          for (FrozenTeacher teacher : frozen) {
            float[][] logits = teacher.logits(views, runSeed, epoch, identity, start, end);
            for (int r = 0; r < logits.length; r++) {
              float[] p = CyclicDistillation.softLabels(logits[r], 1f, data.task());
              for (int c = 0; c < p.length; c++) {
                mean[r][c] += p[c] / frozen.size();
              }
            }
          }
          for (int r = 0; r < mean.length; r++) {
            writer.append(AugmentedViews.seed(runSeed, epoch, start + r), ensembleLogits(mean[r], data.task()));
            onView.run();
          }
        }
      }
    } finally {
      frozen.forEach(FrozenTeacher::close);
    }
    LOG.info("logit store {}: {} views × {} windows from {} teachers, K = {}, in {} s", file, epochs, n, teachers.size(), topK,
        (System.nanoTime() - t0) / 1_000_000_000);
    return LogitStore.read(file);
  }

  /** Logits whose softmax (single-label) or per-class sigmoid (multi-label) is {@code p}. */
  static float[] ensembleLogits(float[] p, TaskType task) {
    float[] out = new float[p.length];
    for (int c = 0; c < p.length; c++) {
      double q = Math.min(Math.max(p[c], 1e-30), 1 - 1e-7);
      out[c] = (float) (task == TaskType.SINGLE_LABEL ? Math.log(q) : Math.log(q) - Math.log1p(-q));
    }
    return out;
  }

  /**
   * Trains {@code student} for the plan's epochs from {@code store}: epoch {@code e} reads the
   * store's epoch {@code ((e − 1) mod E) + 1}. The plan's lambda is λ, its temperature the KD
   * temperature, its seed the student's initialisation and batch order.
   *
   * @throws IllegalArgumentException when the store is of other windows, classes or augmentation
   */
  public CyclicDistillation.TrainedBranch train(String runName, DistillationPlan plan, BranchSpec student,
      CyclicDistillation.Data data, LogitStore store, TrainingHistory history, DoubleConsumer onStep) {
    if (plan.lambda() > 1) {
      throw new IllegalArgumentException("the store loss is (1 − λ)·CE + λ·KD; λ must be in [0, 1], got " + plan.lambda());
    }
    AugmentedViews views = data.views(plan.augmentation());
    check(store.header(), data, views, plan.augmentation());
    int n = views.size();
    if (plan.lambda() == 0 && n > data.trainTargets().size()) {
      throw new IllegalArgumentException("λ = 0 leaves label-free windows nothing to learn from; give λ > 0 or no unlabelled audio");
    }
    int steps = CyclicDistillation.stepsPerEpoch(n, plan.batchSize());
    CosineTracker cosine = CosineTracker.builder().setBaseValue((float) plan.learningRate())
        .optFinalValue((float) plan.learningRate() / 100f).setMaxUpdates(Math.max(1, steps * plan.totalEpochs())).build();
    BranchFeatures f = data.features().features(student.features());
    DistillationLoss loss = CyclicDistillation.distillationLoss(plan, data.task());
    float lambda = (float) plan.lambda();
    try (BranchModel model = new BranchModel(student, data.classes(), f.train().shape(), device, cosine, (int) (plan.seed() * 31))) {
      for (WarmStart w : warmStarts) {
        if (w.branch().equals(student.name())) {
          LOG.info("{} {}: warm start, {} parameters taken over from {}", runName, student.name(), model.warmStart(w), w.identity());
        }
      }
      for (int epoch = 1; epoch <= plan.totalEpochs(); epoch++) {
        int stored = (epoch - 1) % store.header().epochs() + 1;
        int[] order = CyclicDistillation.shuffled(n, new Random(AugmentationSeed.of(plan.seed(), epoch, -1)));
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < n; start += plan.batchSize()) {
          int end = Math.min(n, start + plan.batchSize());
          int rows = end - start;
          int size = f.train().shape().size();
          float[] inputs = new float[rows * size];
          float[] hard = new float[rows * data.classes()];
          float[] soft = new float[rows * data.classes()];
          float[] ceWeight = new float[rows];
          int first = start;
          IntStream.range(start, end).parallel().forEach(k -> {
            int w = order[k];
            AugmentedViews.View v = views.view(f.config(), f.normalisation(), f.train(), w, store.view(stored, w).seed());
            System.arraycopy(v.features(), 0, inputs, (k - first) * size, size);
            System.arraycopy(v.target(), 0, hard, (k - first) * data.classes(), data.classes());
            System.arraycopy(store.probabilities(stored, w, (float) plan.temperature()), 0, soft, (k - first) * data.classes(),
                data.classes());
            ceWeight[k - first] = views.isLabelled(w) ? 1 - lambda : 0;
          });
          double value = model.step(inputs, rows, (manager, logits) -> {
            NDArray ce = loss.supervisedPerSample(manager.create(hard, new Shape(rows, data.classes())), logits);
            NDArray kd = loss.kl().perSample(manager.create(soft, new Shape(rows, data.classes())), logits);
            return ce.mul(manager.create(ceWeight)).add(kd.mul(lambda)).mean();
          });
          sum += value;
          batches++;
          onStep.accept(value);
        }
        EpochRecord record = CyclicDistillation.validate(model, f, data, epoch, sum / Math.max(1, batches), "from store");
        history.record(runName + " " + student.name(), record);
        LOG.info("{} {} epoch {}/{} from the store: loss {} validation accuracy {}", runName, student.name(), epoch,
            plan.totalEpochs(), String.format("%.4f", record.trainLoss()), String.format("%.3f", record.validationAccuracy()));
      }
      return new CyclicDistillation.TrainedBranch(student, f.normalisation(), model.parameters());
    }
  }

  /** Refuses a store made for other windows, classes or augmentation, saying what differs. */
  static void check(LogitStore.Header h, CyclicDistillation.Data data, AugmentedViews views, ViewAugmentation augmentation) {
    List<String> wrong = new ArrayList<>();
    if (h.classes() != data.classes() || h.task() != data.task()) {
      wrong.add("it has " + h.classes() + " " + h.task() + " classes, this run " + data.classes() + " " + data.task());
    }
    if (h.windows() != views.size() || h.labelled() != data.trainTargets().size()) {
      wrong.add("it has " + h.windows() + " windows (" + h.labelled() + " labelled), this run " + views.size() + " ("
          + data.trainTargets().size() + ")");
    } else if (h.dataFingerprint() != fingerprint(data.features().trainWindows(), data.trainTargets().size())) {
      wrong.add("its windows' samples differ from this run's (other data, crops or seed)");
    }
    if (!h.augmentation().equals(augmentation.toString())) {
      wrong.add("it was made with augmentation " + h.augmentation() + ", this run asks for " + augmentation);
    }
    if (!wrong.isEmpty()) {
      throw new IllegalArgumentException("the logit store does not fit this run: " + String.join("; ", wrong)
          + ". Write a new one with the teachers (give --teachers or --teacher-bundles)");
    }
  }

  /** The first 8 bytes of the SHA-256 of the windows' samples and the labelled count. */
  static long fingerprint(List<float[]> windows, int labelled) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(8);
      b.putInt(windows.size()).putInt(labelled);
      sha.update(b.array());
      for (float[] w : windows) {
        ByteBuffer bytes = ByteBuffer.allocate(w.length * 4);
        bytes.asFloatBuffer().put(w);
        sha.update(bytes.array());
      }
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
