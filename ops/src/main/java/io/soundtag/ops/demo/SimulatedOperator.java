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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * An operator who keeps labelling what the simulated sensors heard, for the demo's learning loop.
 * Every {@code every} it picks a sensor and a span ending {@code lag} ago, reads that audio back
 * from {@code audio.chunks} (as {@code soundtag label window} does), asks the sensor's scene which
 * classes sound in it (the ground truth, by the coverage rule of the simulated training windows),
 * and writes a {@link LabelledClip}: those labels, or a negative when nothing sounds. A span with a
 * sound only partly in it is passed over, since neither answer would be honest; so is one the
 * sensor has not fully sent yet.
 */
public final class SimulatedOperator implements Runnable {

  /** The annotator recorded in every clip. */
  public static final String ANNOTATOR = "simulated-operator";

  /** A class labels a span when it sounds for at least this share of it (or half of its event lies inside). */
  private static final double MIN_COVERAGE = 0.3;

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
  private int written;

  /**
   * @param fleet the running sensors, whose scenes are the ground truth
   * @param archive reads what a sensor sent back from {@code audio.chunks}
   * @param writer where the clips go
   * @param servedModel the id of the model serving now, recorded as the model the label answers
   * @param every time between labels
   * @param span length of each labelled clip
   * @param lag how long before now each span ends, so that its chunks have arrived
   * @param seed seed of the choice of sensors and spans
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

  /** Labels one span of a random sensor if it can; returns the clip written, if any. */
  public Optional<LabelledClip> labelOnce() {
    long anchor = fleet.anchorMicros();
    if (anchor == Long.MIN_VALUE) {
      return Optional.empty();
    }
    List<String> sensors = fleet.sensorIds();
    String sensor = sensors.get(random.nextInt(sensors.size()));
    long endMicros = System.currentTimeMillis() * 1000 - lag.toNanos() / 1000 - random.nextInt(1_000_000);
    long startMicros = endMicros - span.toNanos() / 1000;
    if (startMicros < anchor) {
      return Optional.empty();
    }
    SensorScene scene = fleet.scene(sensor);
    int rate = scene.sampleRate();
    long fromSample = (startMicros - anchor) * rate / 1_000_000;
    long toSample = (endMicros - anchor) * rate / 1_000_000;
    List<String> labels = SimulatedWindows.labelsOf(scene, fromSample, toSample, MIN_COVERAGE);
    boolean partial = scene.activeClasses(fromSample, toSample).stream().anyMatch(c -> !labels.contains(c.label()));
    if (partial) {
      return Optional.empty();
    }
    Optional<ArchivedAudio> heard = archive.read(sensor, Instant.ofEpochSecond(0, startMicros * 1000),
        Instant.ofEpochSecond(0, endMicros * 1000));
    if (heard.isEmpty() || !heard.get().gaps().isEmpty()) {
      return Optional.empty();
    }
    ArchivedAudio audio = heard.get();
    String model = servedModel.get();
    ClipLabels clipLabels = labels.isEmpty() ? ClipLabels.negative(ANNOTATOR, SplitHint.ANY)
        : ClipLabels.of(labels, ANNOTATOR, SplitHint.ANY);
    LabelledClip clip = LabelledClips.build(audio.audio(), clipLabels,
        ClipOrigin.sensor(sensor, audio.fromMicros(), audio.toMicros(), model), System.currentTimeMillis());
    writer.write(clip);
    written++;
    out.printf(Locale.ROOT, "operator: label %d, %s %.1f s ending %s = %s (model %s)%n", written, sensor,
        span.toMillis() / 1e3, Instant.ofEpochSecond(0, endMicros * 1000).toString().substring(11, 21),
        labels.isEmpty() ? "negative" : String.join("+", labels), model);
    return Optional.of(clip);
  }

  /** Clips written so far. */
  public int written() {
    return written;
  }

  /** Labels until {@link #stop()}; a failed label is reported and the next one tried. */
  @Override
  public void run() {
    while (!stopped) {
      boolean labelled = false;
      try {
        labelled = labelOnce().isPresent();
      } catch (RuntimeException e) {
        out.println("operator: could not label (" + e.getMessage() + "); trying again");
      }
      try {
        // A span passed over is followed soon by another pick, so labels keep their pace.
        Thread.sleep(labelled ? every.toMillis() : 200);
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
