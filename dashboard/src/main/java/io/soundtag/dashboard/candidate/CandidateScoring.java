package io.soundtag.dashboard.candidate;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.inference.WindowFit;
import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.OpenedRelease;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.dashboard.audio.SensorAudio;
import io.soundtag.dashboard.live.LiveBoard;
import io.soundtag.dashboard.live.Score;
import io.soundtag.dashboard.live.WindowView;
import io.soundtag.schemas.ModelRelease;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores recent windows with the candidate model and keeps those where it disagrees with the
 * served model. Runs on its own thread at a bounded rate ({@code windowsPerSecond}), so it costs
 * a few windows' inference a second however many sensors there are.
 *
 * <p>Each step takes the sensor whose newest window is unscored and which waited longest, reads
 * that window's audio back, fits it to the candidate's input (resampled to its rate, centred in
 * its window length, as a tagger fits a window across a model swap) and scores it. The served
 * model's scores are the ones its TagEvent carries: the served model's own output for exactly
 * that window, so they need no second inference. A window is queued when the two top labels
 * differ and at least one model tagged something (the served one tagged the window, or the
 * candidate's top score reaches its threshold): two models disagreeing about background is not
 * worth a review. Of consecutive windows of one sensor with the same two top labels only the
 * first is kept (one per sound).
 */
public final class CandidateScoring implements Runnable, AutoCloseable {

  /** Disagreements kept, the newest. */
  public static final int KEPT = 200;
  /** Best scores of the candidate kept per window. */
  static final int TOP = 5;
  /** Windows older than this are not scored: the queue is about what is heard now. */
  static final long RECENT_MICROS = 60_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(CandidateScoring.class);

  private final LiveBoard board;
  private final CandidateReleases releases;
  private final SensorAudio audio;
  private final double windowsPerSecond;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, Long> scoredUpTo = new HashMap<>();
  private final Map<String, Long> lastTurn = new HashMap<>();
  private final ArrayDeque<Disagreement> found = new ArrayDeque<>();
  private final Set<String> unusable = new HashSet<>();
  private final AtomicLong scored = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private long turn;
  private ServingModel model;
  private InferenceSession session;
  private String modelKey;

  /**
   * @param audio reads the windows' audio back (its own reader: scoring must not queue behind playback)
   * @param windowsPerSecond windows scored per second at most, in (0, 50]
   */
  public CandidateScoring(LiveBoard board, CandidateReleases releases, SensorAudio audio, double windowsPerSecond) {
    if (!(windowsPerSecond > 0 && windowsPerSecond <= 50)) {
      throw new IllegalArgumentException("candidate scoring runs at more than 0 and at most 50 windows a second, got "
          + windowsPerSecond + " (0 turns it off)");
    }
    this.board = board;
    this.releases = releases;
    this.audio = audio;
    this.windowsPerSecond = windowsPerSecond;
  }

  @Override
  public void run() {
    long pauseNanos = (long) (1e9 / windowsPerSecond);
    try {
      while (running.get()) {
        long t0 = System.nanoTime();
        step(System.currentTimeMillis() * 1000);
        long left = pauseNanos - (System.nanoTime() - t0);
        if (left > 0) {
          Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Scores at most one window: the newest unscored window of the sensor that waited longest among
   * those whose model has a candidate. Never throws for a bad release or missing audio (counted in
   * {@link #failed()}).
   *
   * @param nowMicros the time now, µs since the epoch (windows older than a minute are skipped)
   * @return whether a window was scored
   */
  public synchronized boolean step(long nowMicros) {
    if (!running.get()) {
      return false;
    }
    String sensor = null;
    WindowView window = null;
    ModelRelease candidate = null;
    for (Map.Entry<String, WindowView> e : board.newestWindows().entrySet()) {
      WindowView w = e.getValue();
      if (w.endMicros() < nowMicros - RECENT_MICROS || w.topK().isEmpty()
          || w.startMicros() <= scoredUpTo.getOrDefault(e.getKey(), Long.MIN_VALUE)) {
        continue;
      }
      Optional<ModelRelease> c = releases.candidateFor(w.modelVersion());
      if (c.isPresent() && !unusable.contains(ReleaseEnvelope.key(c.get()))
          && (sensor == null || lastTurn.getOrDefault(e.getKey(), -1L) < lastTurn.getOrDefault(sensor, -1L))) {
        sensor = e.getKey();
        window = w;
        candidate = c.get();
      }
    }
    if (sensor == null) {
      return false;
    }
    scoredUpTo.put(sensor, window.startMicros());
    lastTurn.put(sensor, ++turn);
    try {
      if (!load(candidate)) {
        return false;
      }
      SensorAudio.Clip clip = audio.read(sensor, window.startMicros(), window.endMicros());
      float[] input = WindowFit.fit(clip.audio().samples(), clip.audio().sampleRate(), model.manifest());
      float[] scores = session.score(List.of(input))[0];
      scored.incrementAndGet();
      compare(sensor, window, candidate, scores);
      return true;
    } catch (IOException | RuntimeException e) {
      if (failed.incrementAndGet() % 100 == 1) {
        LOG.warn("candidate scoring of {} at {} failed: {} ({} so far)", sensor, window.startMicros(), e.getMessage(), failed.get());
      }
      return false;
    }
  }

  private void compare(String sensor, WindowView w, ModelRelease candidate, float[] scores) {
    BundleManifest m = model.manifest();
    List<Score> best = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (int c = 0; c < scores.length; c++) {
      best.add(new Score(m.classes().get(c), scores[c]));
      if (scores[c] >= m.thresholds().get(c)) {
        tags.add(m.classes().get(c));
      }
    }
    best.sort(Comparator.comparingDouble(Score::score).reversed());
    List<Score> served = new ArrayList<>(w.topK());
    served.sort(Comparator.comparingDouble(Score::score).reversed());
    String servedTop = served.get(0).label();
    String candidateTop = best.get(0).label();
    if (servedTop.equals(candidateTop) || (w.tags().isEmpty() && !tags.contains(candidateTop))) {
      return;
    }
    Disagreement d = new Disagreement(sensor, w.startMicros(), w.endMicros(), w.modelVersion(), served,
        w.tags().stream().map(Score::label).toList(), ReleaseEnvelope.key(candidate), candidate.getDecision().name(),
        List.copyOf(best.subList(0, Math.min(TOP, best.size()))), tags);
    synchronized (found) {
      for (Disagreement prev : found) {
        long length = prev.endMicros() - prev.startMicros();
        if (prev.sensorId().equals(sensor) && prev.servedTop().equals(servedTop) && prev.candidateTop().equals(candidateTop)
            && prev.candidateModel().equals(d.candidateModel()) && d.startMicros() < prev.endMicros() + length) {
          return; // the same sound, already queued
        }
      }
      found.addFirst(d);
      while (found.size() > KEPT) {
        found.removeLast();
      }
    }
  }

  private boolean load(ModelRelease candidate) {
    String key = ReleaseEnvelope.key(candidate);
    if (key.equals(modelKey)) {
      return true;
    }
    unload();
    try {
      OpenedRelease opened = ReleaseEnvelope.open(candidate);
      model = ServingModel.load(opened.bundle(), ServingMode.STUDENT, opened.id());
      session = model.newSession();
      modelKey = key;
      LOG.info("dashboard: candidate {} ({}) scores recent windows for the review queue", key, candidate.getDecision());
      return true;
    } catch (InvalidReleaseException | RuntimeException e) {
      unusable.add(key);
      LOG.warn("dashboard: candidate {} cannot be loaded, its windows are not compared: {}", key, e.getMessage());
      return false;
    }
  }

  private void unload() {
    if (session != null) {
      session.close();
    }
    if (model != null) {
      model.close();
    }
    session = null;
    model = null;
    modelKey = null;
  }

  /** The disagreements found, newest first, at most {@code limit}. */
  public List<Disagreement> disagreements(int limit) {
    synchronized (found) {
      return found.stream().limit(limit).toList();
    }
  }

  /** Windows the candidate scored so far. */
  public long scored() {
    return scored.get();
  }

  /** Windows that could not be scored (audio gone, a bad release). */
  public long failed() {
    return failed.get();
  }

  /** Stops scoring (waiting for a step under way) and unloads the candidate. */
  @Override
  public synchronized void close() {
    running.set(false);
    unload();
  }
}
