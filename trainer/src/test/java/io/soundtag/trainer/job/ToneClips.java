package io.soundtag.trainer.job;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tone and noise clips at 8 kHz, small enough for a whole job to train on in seconds. */
final class ToneClips {

  private ToneClips() {}

  /** {@code n} clips of 0.3 s, alternately a tone (a different pitch each) and noise, labelled "tone" or "noise". */
  private static List<LabelledAudio> clips(int n, long seed) {
    Random r = new Random(seed);
    List<LabelledAudio> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean tone = i % 2 == 0;
      float[] x = new float[2400];
      for (int k = 0; k < x.length; k++) {
        x[k] = tone ? (float) (0.4 * Math.sin(2 * Math.PI * (300 + 50 * i) * k / 8000)) : (float) (0.3 * r.nextGaussian());
      }
      out.add(new LabelledAudio("clip-" + seed + "-" + i, new MonoAudio(x, 8000), List.of(tone ? "tone" : "noise")));
    }
    return out;
  }

  /** {@code train} training and {@code validation} validation clips of the two classes. */
  static TrainingData data(int train, int validation) {
    return TrainingData.clips("tones", TaskType.SINGLE_LABEL, List.of("noise", "tone"), clips(train, 1), clips(validation, 2));
  }

  /** The default recipe at the clips' rate, 250 ms windows and batches of 8, with {@code settings} over it. */
  static TrainingRecipe recipe(Map<String, ?> settings) {
    return TrainingRecipe.defaults().with(Map.of(
        "audio", Map.of("sampleRate", 8000, "fftSize", 256, "frameHopMs", 10, "windowMs", 250, "hopMs", 125),
        "schedule", Map.of("batchSize", 8))).with(settings);
  }
}
