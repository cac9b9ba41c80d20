package io.soundtag.trainer.taxonomy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Windows of near-silence and quiet ambience, none of which should raise a tag: white, pink and
 * brown noise at −80 to −40 dBFS RMS, with a slow level drift, as an idle microphone, a quiet room
 * or distant traffic hum give. They train as negatives and measure how often quiet windows raise
 * a tag. Window {@code i} is a pure function of the seed and {@code i}.
 */
public final class QuietAmbience {

  /** Quietest and loudest RMS level of a window, dBFS. */
  public static final double MIN_DBFS = -80;
  public static final double MAX_DBFS = -40;

  private QuietAmbience() {}

  /** {@code count} windows of {@code windowSamples} samples. */
  public static List<float[]> windows(int count, int windowSamples, long seed) {
    List<float[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(window(windowSamples, new SplittableRandom(seed * 1_000_003L + i)));
    }
    return out;
  }

  private static float[] window(int n, SplittableRandom random) {
    int colour = random.nextInt(3);
    double[] x = new double[n];
    double brown = 0;
    double[] pink = new double[3];
    for (int i = 0; i < n; i++) {
      double white = random.nextDouble() * 2 - 1;
      x[i] = switch (colour) {
        case 0 -> white;
        case 1 -> {
          // Paul Kellet's economy pink filter: three leaky integrators
          pink[0] = 0.99765 * pink[0] + white * 0.0990460;
          pink[1] = 0.96300 * pink[1] + white * 0.2965164;
          pink[2] = 0.57000 * pink[2] + white * 1.0526913;
          yield pink[0] + pink[1] + pink[2] + white * 0.1848;
        }
        default -> {
          brown = 0.995 * brown + white * 0.05;
          yield brown;
        }
      };
    }
    double energy = 0;
    for (double v : x) {
      energy += v * v;
    }
    double rms = Math.sqrt(energy / n);
    double level = MIN_DBFS + random.nextDouble() * (MAX_DBFS - MIN_DBFS);
    double drift = (random.nextDouble() * 2 - 1) * 6;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double db = level + drift * ((double) i / n - 0.5);
      out[i] = (float) (x[i] / Math.max(rms, 1e-12) * Math.pow(10, db / 20));
    }
    return out;
  }
}
