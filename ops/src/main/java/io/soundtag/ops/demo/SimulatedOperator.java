package io.soundtag.ops.demo;

import io.soundtag.core.synth.SensorScene;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.trainer.archive.ArchivedAudio;
import io.soundtag.trainer.archive.ChunkArchive;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;
import io.soundtag.trainer.simulated.SimulatedWindows;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * An operator who keeps labelling what the simulated sensors heard, for the demo's learning loop.
 * Every {@code every} it picks a sensor and a recent span ending at least {@code lag} ago, reads that audio back
 * from {@code audio.chunks} (as {@code soundtag label window} does), asks the sensor's scene which
 * classes sound in it (the ground truth, by the coverage rule of the simulated training windows),
 * and writes a {@link LabelledClip}: those labels, or a negative when nothing sounds. A span with a
 * sound only partly in it is passed over, since neither answer would be honest; so is one the
 * sensor has not fully sent yet. It favours what it has labelled least, so every class (and "none
 * of these") gets examples, as an operator filling the gaps of a model would.
 */
public final class SimulatedOperator implements Runnable {

  /** Capture times as the tail prints them: the local wall clock to a tenth of a second. */
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneId.systemDefault());

  /** The annotator recorded in every clip. */
  public static final String ANNOTATOR = "simulated-operator";

  /** A class labels a span when it sounds for at least this share of it (or half of its event lies inside). */
  private static final double MIN_COVERAGE = 0.3;

  /** How far back the operator looks for a span to label. */
  private static final Duration LOOK_BACK = Duration.ofSeconds(60);

  /** Spans considered start this far apart. */
  private static final long STEP_MICROS = 250_000;

  /** The answer "none of these", counted beside the classes. */
  private static final String NEGATIVE = "(negative)";

  private final SimulatedFleet fleet;
  private final ChunkArchive archive;
  private final LabelWriter writer;
  private final Supplier<String> servedModel;
  private final Duration every;
  private final Duration span;
  private final Duration lag;
  private final Random random;
  private final PrintStream out;
  private volatile boolean stopped;
  private final Map<String, Integer> perAnswer = new HashMap<>();
  /** The spans labelled so far per sensor, [start, end) in µs: no audio is labelled twice. */
  private final Map<String, List<long[]>> labelled = new HashMap<>();
  private int written;

  /**
   * @param fleet the running sensors, whose scenes are the ground truth
   * @param archive reads what a sensor sent back from {@code audio.chunks}
   * @param writer where the clips go
   * @param servedModel the id of the model serving now, recorded as the model the label answers
   * @param every time between labels
   * @param span length of each labelled clip
   * @param lag how long before now each span ends, so that its chunks have arrived
   * @param seed seed of the choice among equally good spans
   * @param out receives one line per label
   */
  public SimulatedOperator(SimulatedFleet fleet, ChunkArchive archive, LabelWriter writer, Supplier<String> servedModel,
      Duration every, Duration span, Duration lag, long seed, PrintStream out) {
    if (every.isNegative() || every.isZero() || span.isNegative() || span.isZero() || lag.isNegative()) {
      throw new IllegalArgumentException("the operator needs a positive interval and span and a lag of 0 or more; got "
          + every + ", " + span + ", " + lag);
    }
    this.fleet = fleet;
    this.archive = archive;
    this.writer = writer;
    this.servedModel = servedModel;
    this.every = every;
    this.span = span;
    this.lag = lag;
    this.random = new Random(seed);
    this.out = out;
  }

  /**
   * Labels one span if it can; returns the clip written, if any. Like an operator who looks for
   * what the model lacks, it takes, among the clean spans of every sensor over the last
   * {@link #LOOK_BACK} that overlap nothing it labelled before, one whose rarest answer (a class,
   * or "negative") it has labelled least.
   */
  public Optional<LabelledClip> labelOnce() {
    long anchor = fleet.anchorMicros();
    if (anchor == Long.MIN_VALUE) {
      return Optional.empty();
    }
    long spanMicros = span.toNanos() / 1000;
    long latestEnd = System.currentTimeMillis() * 1000 - lag.toNanos() / 1000;
    List<Candidate> best = new ArrayList<>();
    int bestCount = Integer.MAX_VALUE;
    for (String sensor : fleet.sensorIds()) {
      SensorScene scene = fleet.scene(sensor);
      for (long end = latestEnd; end - spanMicros >= anchor && latestEnd - end <= LOOK_BACK.toNanos() / 1000; end -= STEP_MICROS) {
        long start = end - spanMicros;
        long stop = end;
        List<String> labels = cleanLabels(scene, anchor, start, stop);
        if (labels == null || labelled.getOrDefault(sensor, List.of()).stream().anyMatch(t -> t[0] < stop && start < t[1])) {
          continue;
        }
        int count = labels.isEmpty() ? perAnswer.getOrDefault(NEGATIVE, 0)
            : labels.stream().mapToInt(l -> perAnswer.getOrDefault(l, 0)).min().orElse(0);
        if (count < bestCount) {
          best.clear();
          bestCount = count;
        }
        if (count == bestCount) {
          best.add(new Candidate(sensor, end - spanMicros, end, labels));
        }
      }
    }
    if (best.isEmpty()) {
      return Optional.empty();
    }
    Candidate pick = best.get(random.nextInt(best.size()));
    Optional<ArchivedAudio> heard = archive.read(pick.sensor(), Instant.ofEpochSecond(0, pick.startMicros() * 1000),
        Instant.ofEpochSecond(0, pick.endMicros() * 1000));
    if (heard.isEmpty() || !heard.get().gaps().isEmpty()) {
      return Optional.empty();
    }
    ArchivedAudio audio = heard.get();
    String model = servedModel.get();
    List<String> labels = pick.labels();
    ClipLabels clipLabels = labels.isEmpty() ? ClipLabels.negative(ANNOTATOR, SplitHint.ANY)
        : ClipLabels.of(labels, ANNOTATOR, SplitHint.ANY);
    LabelledClip clip = LabelledClips.build(audio.audio(), clipLabels,
        ClipOrigin.sensor(pick.sensor(), audio.fromMicros(), audio.toMicros(), model), System.currentTimeMillis());
    writer.write(clip);
    written++;
    (labels.isEmpty() ? List.of(NEGATIVE) : labels).forEach(l -> perAnswer.merge(l, 1, Integer::sum));
    labelled.computeIfAbsent(pick.sensor(), k -> new ArrayList<>()).add(new long[] {pick.startMicros(), pick.endMicros()});
    out.printf(Locale.ROOT, "operator: label %d, %s %.1f s ending %s = %s (model %s)%n", written, pick.sensor(),
        span.toMillis() / 1e3, CLOCK.format(Instant.ofEpochSecond(0, pick.endMicros() * 1000)),
        labels.isEmpty() ? "negative" : String.join("+", labels), model);
    return Optional.of(clip);
  }

  /**
   * The ground-truth labels of a span, or null when a sound is only partly in it (neither answer
   * would be honest).
   */
  private static List<String> cleanLabels(SensorScene scene, long anchor, long startMicros, long endMicros) {
    int rate = scene.sampleRate();
    long fromSample = (startMicros - anchor) * rate / 1_000_000;
    long toSample = (endMicros - anchor) * rate / 1_000_000;
    List<String> labels = SimulatedWindows.labelsOf(scene, fromSample, toSample, MIN_COVERAGE);
    boolean partial = scene.activeClasses(fromSample, toSample).stream().anyMatch(c -> !labels.contains(c.label()));
    return partial ? null : labels;
  }

  /** A span the operator could label. */
  private record Candidate(String sensor, long startMicros, long endMicros, List<String> labels) {}

  /** Clips written so far. */
  public int written() {
    return written;
  }

  /** Labels until {@link #stop()}; a failed label is reported and the next one tried. */
  @Override
  public void run() {
    while (!stopped) {
      boolean wrote = false;
      try {
        wrote = labelOnce().isPresent();
      } catch (RuntimeException e) {
        out.println("operator: could not label (" + e.getMessage() + "); trying again");
      }
      try {
        // A span passed over is followed soon by another pick, so labels keep their pace.
        Thread.sleep(wrote ? every.toMillis() : 200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Makes {@link #run()} return after the current label. */
  public void stop() {
    stopped = true;
  }
}
