package io.soundtag.ops.bench;

import ai.djl.Device;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.inference.TorchExport;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.simulated.SimulatedWindows;
import io.soundtag.trainer.training.BranchFeatures;
import io.soundtag.trainer.training.BranchSpec;
import io.soundtag.trainer.training.CyclicDistillation;
import io.soundtag.trainer.training.FeatureCache;
import io.soundtag.trainer.training.FeatureTable;
import io.soundtag.trainer.training.LabelledWindow;
import io.soundtag.trainer.training.SupervisedSteps;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag bench training}: one epoch of the bundle's student trained by DJL with the
 * trainer's own step ({@link SupervisedSteps}: the default recipe's loss, Adam and cosine
 * schedule) against the same weights exported into PyTorch ({@link TorchExport}) and trained by
 * PyTorch, one thread each, on the same features, targets, batches, batch order and learning
 * rates. The feature cache and the assembly of batches (data loading) are timed apart from the
 * epoch; each side runs its warm-up epochs before the timed one. The loss of the first batch, the
 * same weights on the same batch, shows that both train the same network on the same data.
 * PyTorch runs twice, under glibc's default malloc and under {@link PythonPeer#TUNED_MALLOC} (what
 * the launcher gives this JVM), and DJL is compared with the faster of the two.
 */
@Command(name = "training", mixinStandardHelpOptions = true,
    description = {"Measures one training epoch of the student in DJL (the trainer's step) against PyTorch on the same "
        + "weights, windows, batches and hyper-parameters, one thread each; the feature cache and the data loading apart.",
        "Windows are simulated scenes labelled with the model's classes; no augmentation (the shipped model's recipe has none).",
        "Run it through ./soundtag, which gives DJL one intra-op thread (OMP_NUM_THREADS=1) and the tuned malloc of "
            + "GLIBC_TUNABLES; PyTorch runs under glibc's defaults and under that tuned malloc, and the faster is compared."})
public final class TrainingBenchCommand implements Callable<Integer> {

  /** The default recipe's peak learning rate; the batch size's default is its batch size too. */
  private static final double LEARNING_RATE = TrainingRecipe.defaults().schedule().learningRate();
  /** The goal: DJL's epoch at most this many times PyTorch's. */
  private static final double GOAL = 1.2;
  private static final long SEED = 5;

  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE", description = "Model bundle (default: the shipped model).")
  Path model;

  @Option(names = "--windows", defaultValue = "2048", description = "Training windows (default ${DEFAULT-VALUE}).")
  int windows;

  @Option(names = "--batch-size", defaultValue = "32", description = "Windows per step (default ${DEFAULT-VALUE}, the default recipe's).")
  int batchSize;

  @Option(names = "--epochs-warmup", defaultValue = "1", description = "Untimed epochs before the timed one (default ${DEFAULT-VALUE}).")
  int warmupEpochs;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Interpreter with torch and torchaudio (default ${DEFAULT-VALUE}).")
  String python;

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** One framework's figures; times per window in ms, the epoch's in s. */
  private static final String PEER_SCRIPT = "/io/soundtag/ops/bench/training_peer.py";

  record Figures(double featureMs, double featureCpuMs, double loadingMs, double epochSeconds, double epochCpuMsPerWindow,
      double firstLoss, double epochLoss) {}

  /** One step's inputs: {@code rows} windows' features one after another, and their targets. */
  private record Batch(float[] inputs, float[] targets, int rows) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (windows < 1 || batchSize < 1 || batchSize > windows || warmupEpochs < 0) {
      throw new IllegalArgumentException("--windows must be at least 1, --batch-size in 1..windows and --epochs-warmup at least 0");
    }
    ModelBundle bundle = DefaultModel.load(model);
    BundleManifest m = bundle.manifest();
    BranchManifest student = m.student();
    student.requireFloat("training");
    if (student.network().dropout() > 0) {
      throw new IllegalArgumentException("the student has dropout " + student.network().dropout() + ": the two frameworks would "
          + "drop different units, so their losses could not be compared; give a model without dropout");
    }
    List<LabelledWindow> labelled = windows(m);
    int classes = m.classes().size();
    int samples = m.windowSamples();
    int steps = CyclicDistillation.stepsPerEpoch(windows, batchSize);
    Tracker schedule = CyclicDistillation.schedule(LEARNING_RATE, steps * (warmupEpochs + 1));
    List<int[]> orders = new ArrayList<>();
    Random random = new Random(SEED);
    for (int e = 0; e <= warmupEpochs; e++) {
      List<Integer> order = new ArrayList<>(IntStream.range(0, windows).boxed().toList());
      Collections.shuffle(order, random);
      orders.add(order.stream().mapToInt(Integer::intValue).toArray());
    }

    List<float[]> audio = labelled.stream().map(LabelledWindow::samples).toList();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    BranchFeatures features = new FeatureCache(audio, List.of()).features(student.features());
    double featureMs = (System.nanoTime() - t0) / 1e6 / windows;
    double featureCpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / windows;
    FeatureTable table = features.train();
    FeatureShape shape = table.shape();

    Path dir = Files.createTempDirectory("soundtag-training");
    try {
      Path export = dir.resolve("export");
      TorchExport.write(bundle, export);
      Path data = dir.resolve("data");
      writeData(data, labelled, table, orders, schedule, steps * (warmupEpochs + 1), m.task(), classes, samples);
      List<String> args = List.of(export.toString(), data.toString());
      // Started first, so that a missing torch is said before the DJL epochs; it waits on its stdin meanwhile.
      Optional<PythonPeer> started = PythonPeer.start("pytorch", python, PEER_SCRIPT, args, null, out);
      try (PythonPeer peer = started.orElse(null)) {
        double loadBefore = load();
        Map<String, Figures> rows = new LinkedHashMap<>();
        rows.put("djl", trainDjl(student, m.task(), classes, shape, schedule, bundle.parameters(student), labelled, table,
            orders, featureMs, featureCpuMs));
        int threads = -1;
        if (peer != null) {
          JsonNode a = new ObjectMapper().readTree(String.join(" ", peer.ask("train")));
          rows.put("pytorch", figures(a));
          threads = a.get("threads").asInt();
          // Done with it before the second peer starts, so that the two never share the cores.
          peer.close();
          // The peer again under the tuned malloc this JVM's launcher gives it; the faster of the two is compared.
          Optional<PythonPeer> tuned = PythonPeer.start("pytorch-tuned", python, PEER_SCRIPT, args, PythonPeer.TUNED_MALLOC, out);
          if (tuned.isPresent()) {
            try (PythonPeer p = tuned.get()) {
              rows.put("pytorch-tuned", figures(new ObjectMapper().readTree(String.join(" ", p.ask("train")))));
            }
          }
        }
        print(out, m, shape, rows, threads, loadBefore, load());
        return peer != null ? 0 : 1;
      }
    } finally {
      FileUtils.deleteQuietly(dir.toFile());
    }
  }

  /** The first {@link #windows} windows of simulated scenes, cut and labelled as the trainer cuts them, targets in the model's class order. */
  private List<LabelledWindow> windows(BundleManifest m) {
    List<String> classes = m.classes();
    SimulatedWindows simulated;
    try {
      simulated = new SimulatedWindows(SceneConfig.defaults(m.sampleRate()), m.windowSamples(), m.hopSamples(), 0.3, classes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the bench labels simulated scenes, so the model's classes must be simulated ones: "
          + e.getMessage(), e);
    }
    double seconds = 60;
    long perScene = ((long) (seconds * m.sampleRate()) - m.windowSamples()) / m.hopSamples() + 1;
    int scenes = (int) ((windows + perScene - 1) / perScene);
    List<LabelledWindow> out = new ArrayList<>();
    for (LabelledWindow w : simulated.generate("bench", scenes, seconds, SEED).subList(0, windows)) {
      float[] target = new float[classes.size()];
      for (int k = 0; k < simulated.targets().size(); k++) {
        target[classes.indexOf(simulated.targets().get(k))] = w.target()[k];
      }
      out.add(new LabelledWindow(w.samples(), target));
    }
    return out;
  }

  /** What the PyTorch side reads: the plan, the raw windows, the cached features and the targets. */
  private void writeData(Path data, List<LabelledWindow> labelled, FeatureTable table, List<int[]> orders, Tracker schedule,
      int updates, TaskType task, int classes, int samples) throws IOException {
    Files.createDirectories(data);
    writeFloats(data.resolve("windows.f32"), labelled.stream().map(LabelledWindow::samples).toList());
    writeFloats(data.resolve("features.f32"), IntStream.range(0, table.size()).mapToObj(table::get).toList());
    writeFloats(data.resolve("targets.f32"), labelled.stream().map(LabelledWindow::target).toList());
    // The update numbers DJL's Adam hands its tracker start at 1.
    List<Float> rates = IntStream.rangeClosed(1, updates).mapToObj(schedule::getNewValue).toList();
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("windows", windows);
    plan.put("samples", samples);
    plan.put("channels", table.shape().channels());
    plan.put("bins", table.shape().bins());
    plan.put("frames", table.shape().frames());
    plan.put("classes", classes);
    plan.put("task", task.name());
    plan.put("batchSize", batchSize);
    plan.put("orders", orders);
    plan.put("learningRates", rates);
    new ObjectMapper().writeValue(data.resolve("plan.json").toFile(), plan);
  }

  private static void writeFloats(Path file, List<float[]> rows) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(rows.stream().mapToInt(r -> r.length).sum() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      for (float v : r) {
        bytes.putFloat(v);
      }
    }
    Files.write(file, bytes.array());
  }

  private Figures trainDjl(BranchManifest student, TaskType task, int classes, FeatureShape shape, Tracker schedule,
      byte[] parameters, List<LabelledWindow> labelled, FeatureTable table, List<int[]> orders, double featureMs,
      double featureCpuMs) {
    BranchSpec branch = new BranchSpec(student.name(), student.features(), student.network());
    try (SupervisedSteps steps = new SupervisedSteps(branch, task, classes, shape, Device.cpu(), schedule, parameters)) {
      double first = Double.NaN;
      for (int e = 0; e < warmupEpochs; e++) {
        List<Double> losses = epoch(steps, batches(orders.get(e), labelled, table));
        first = e == 0 ? losses.get(0) : first;
      }
      long t0 = System.nanoTime();
      List<Batch> timed = batches(orders.get(warmupEpochs), labelled, table);
      double loadingMs = (System.nanoTime() - t0) / 1e6 / windows;
      long cpu0 = os.getProcessCpuTime();
      t0 = System.nanoTime();
      List<Double> losses = epoch(steps, timed);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / windows;
      return new Figures(featureMs, featureCpuMs, loadingMs, seconds, cpuMs, warmupEpochs == 0 ? losses.get(0) : first,
          losses.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }
  }

  /** The epoch's batches in {@code order}, copied from the cached features as the trainer assembles them. */
  private List<Batch> batches(int[] order, List<LabelledWindow> labelled, FeatureTable table) {
    int size = table.shape().size();
    int classes = labelled.get(0).target().length;
    List<Batch> out = new ArrayList<>();
    for (int start = 0; start < order.length; start += batchSize) {
      int rows = Math.min(batchSize, order.length - start);
      float[] inputs = new float[rows * size];
      float[] targets = new float[rows * classes];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(table.get(order[start + r]), 0, inputs, r * size, size);
        System.arraycopy(labelled.get(order[start + r]).target(), 0, targets, r * classes, classes);
      }
      out.add(new Batch(inputs, targets, rows));
    }
    return out;
  }

  private static List<Double> epoch(SupervisedSteps steps, List<Batch> batches) {
    List<Double> losses = new ArrayList<>();
    for (Batch b : batches) {
      losses.add(steps.step(b.inputs(), b.targets(), b.rows()));
    }
    return losses;
  }

  private static Figures figures(JsonNode a) {
    return new Figures(a.get("featureMs").asDouble(), a.get("featureCpuMs").asDouble(), a.get("loadingMs").asDouble(),
        a.get("epochSeconds").asDouble(), a.get("epochCpuMsPerWindow").asDouble(), a.get("firstLoss").asDouble(),
        a.get("epochLoss").asDouble());
  }

  private void print(PrintWriter out, BundleManifest m, FeatureShape shape, Map<String, Figures> rows, int torchThreads,
      double loadBefore, double loadAfter) {
    String loss = m.task() == TaskType.SINGLE_LABEL ? "softmax cross-entropy" : "mean binary cross-entropy";
    out.printf("%nTraining %s (%s): %d simulated windows, features %dx%dx%d, batches of %d in a shuffled order, %d warm-up "
            + "epoch(s) then one timed; %s, Adam at %.4f cosine-decayed to 1 %%, no augmentation%n",
        m.student().name(), m.student().network(), windows, shape.channels(), shape.bins(), shape.frames(), batchSize,
        warmupEpochs, loss, LEARNING_RATE);
    out.printf("intra-op threads: DJL %s (ai.djl.pytorch.num_threads), PyTorch %s; %d cores, load average %.2f before, %.2f after%n",
        System.getProperty("ai.djl.pytorch.num_threads", "engine default"), torchThreads < 0 ? "-" : torchThreads,
        Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    out.println("features: DJL the trainer's feature cache (Java, on every core), PyTorch torchaudio's log-Mel (one thread);"
        + " both train on the Java features");
    String tunables = System.getenv("GLIBC_TUNABLES");
    out.printf("malloc: DJL this JVM's, GLIBC_TUNABLES=%s; PyTorch under glibc's defaults (pytorch) and %s (pytorch-tuned)%n",
        tunables == null || tunables.isEmpty() ? "(unset: glibc's defaults)" : tunables, PythonPeer.TUNED_MALLOC);
    out.printf("%-13s %14s %18s %14s %10s %18s %12s%n", "framework", "features ms/w", "features cpu ms/w", "loading ms/w",
        "epoch s", "epoch cpu ms/w", "epoch loss");
    rows.forEach((name, f) -> out.printf("%-13s %14.3f %18.3f %14.4f %10.3f %18.3f %12.5f%n", name, f.featureMs(),
        f.featureCpuMs(), f.loadingMs(), f.epochSeconds(), f.epochCpuMsPerWindow(), f.epochLoss()));
    Figures djl = rows.get("djl");
    Figures torch = rows.get("pytorch");
    if (torch == null) {
      out.println("no PyTorch row: nothing to compare with");
      return;
    }
    Figures tuned = rows.get("pytorch-tuned");
    String fastest = tuned != null && tuned.epochSeconds() < torch.epochSeconds() ? "pytorch-tuned" : "pytorch";
    double relative = Math.abs(djl.firstLoss() - torch.firstLoss()) / Math.max(Math.abs(torch.firstLoss()), 1e-12);
    out.printf("first batch loss (same weights, same batch): DJL %.8g, PyTorch %.8g, relative difference %.2e%n",
        djl.firstLoss(), torch.firstLoss(), relative);
    Figures best = rows.get(fastest);
    double ratio = djl.epochSeconds() / best.epochSeconds();
    out.printf("epoch time DJL/PyTorch: %.2fx (goal <= %.1fx): %s, against the faster PyTorch row (%s)%n", ratio, GOAL,
        ratio <= GOAL ? "met" : "not met", fastest);
    // Wall time on a loaded machine includes waiting for a core; CPU time per window does not.
    out.printf("epoch CPU per window DJL/PyTorch: %.2fx%n", djl.epochCpuMsPerWindow() / best.epochCpuMsPerWindow());
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
