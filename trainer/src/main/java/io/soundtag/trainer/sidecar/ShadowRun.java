package io.soundtag.trainer.sidecar;

import ai.djl.Device;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.trainer.archive.ArchivedAudio;
import io.soundtag.trainer.archive.ChunkArchive;
import io.soundtag.trainer.archive.Gap;
import io.soundtag.trainer.evaluation.ClipEvaluation;
import io.soundtag.trainer.gate.ShadowComparison;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Candidate and served model on the recent live audio of {@code audio.chunks}: the last {@code span}
 * of up to {@code sensors} sensors, read back with {@link ChunkArchive}, cut into the candidate's
 * windows (the same time spans for both models, each at its own rate and length); windows that
 * overlap a gap in a sensor's audio are left out.
 */
final class ShadowRun {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowRun.class);
  private static final int MAX_WINDOWS = 2_000;

  private ShadowRun() {}

  /** The comparison; with no live audio (or no chunks topic) one of 0 windows, with a log line saying why. */
  static ShadowComparison compare(ChunkArchive archive, ModelBundle candidate, ModelBundle served, Duration span, int sensors,
      Device device) {
    BundleManifest c = candidate.manifest();
    List<float[]> candidateWindows = new ArrayList<>();
    List<float[]> servedWindows = new ArrayList<>();
    if (sensors > 0 && !span.isZero()) {
      Instant to = Instant.now();
      Instant from = to.minus(span);
      try {
        for (ArchivedAudio a : archive.readAll(from, to, sensors)) {
          cut(a, candidate, served, candidateWindows, servedWindows);
        }
      } catch (RuntimeException e) {
        LOG.warn("shadow run: cannot read recent live audio ({}); the decision goes without it", e.getMessage());
      }
    }
    float[][] cScores = candidateWindows.isEmpty() ? new float[0][]
        : ClipEvaluation.windowScores(candidate, ServingMode.STUDENT, candidateWindows, device);
    List<String> servedClasses = served == null ? List.of() : served.manifest().classes();
    List<Double> servedThresholds = served == null ? List.of() : served.manifest().thresholds();
    float[][] sScores = served == null || servedWindows.isEmpty() ? new float[cScores.length][0]
        : ClipEvaluation.windowScores(served, ServingMode.STUDENT, servedWindows, device);
    return ShadowComparison.of(c.classes(), cScores, c.thresholds(), servedClasses, sScores, servedThresholds);
  }

  private static void cut(ArchivedAudio a, ModelBundle candidate, ModelBundle served, List<float[]> cOut, List<float[]> sOut) {
    BundleManifest c = candidate.manifest();
    double windowSeconds = c.windowSamples() / (double) c.sampleRate();
    double hopSeconds = c.hopSamples() / (double) c.sampleRate();
    float[] cAudio = a.audio().resampledTo(c.sampleRate()).samples();
    float[] sAudio = served == null ? null : a.audio().resampledTo(served.manifest().sampleRate()).samples();
    double seconds = a.audio().seconds();
    for (double t = 0; t + windowSeconds <= seconds && cOut.size() < MAX_WINDOWS; t += hopSeconds) {
      long startMicros = a.fromMicros() + Math.round(t * 1e6);
      long endMicros = startMicros + Math.round(windowSeconds * 1e6);
      boolean inGap = false;
      for (Gap g : a.gaps()) {
        inGap |= g.startMicros() < endMicros && g.endMicros() > startMicros;
      }
      if (inGap) {
        continue;
      }
      cOut.add(slice(cAudio, (int) Math.round(t * c.sampleRate()), c.windowSamples()));
      if (served != null) {
        BundleManifest s = served.manifest();
        sOut.add(slice(sAudio, (int) Math.round(t * s.sampleRate()), s.windowSamples()));
      }
    }
  }

  private static float[] slice(float[] x, int start, int length) {
    float[] w = new float[length];
    System.arraycopy(x, Math.min(start, x.length), w, 0, Math.max(0, Math.min(length, x.length - start)));
    return w;
  }
}
