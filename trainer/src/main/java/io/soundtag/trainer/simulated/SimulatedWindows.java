package io.soundtag.trainer.simulated;

import io.soundtag.core.synth.SceneConfig;
import io.soundtag.core.synth.SceneEvent;
import io.soundtag.core.synth.SensorScene;
import io.soundtag.core.synth.SoundClass;
import io.soundtag.trainer.training.LabelledWindow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Labelled windows cut from simulated sensor scenes exactly as the tagger cuts a live stream, so
 * the training data has what serving sees: background-only windows, partial and overlapping
 * events. A class is a window's label when its event covers at least {@code minCoverage} of the
 * window or at least half of the event lies inside it (a short gunshot).
 *
 * <p>The targets can be limited to some of the classes: the windows still hold every sound, so
 * the left-out sounds are background to the model (a starter model that labels can teach more).
 */
public final class SimulatedWindows {

  /** Every simulated sound class, in the order of {@link SoundClass}. */
  public static List<String> classes() {
    return List.of(SoundClass.labels());
  }

  /**
   * The simulated classes named in {@code names}, in the order of {@link SoundClass}.
   *
   * @throws IllegalArgumentException when a name is not a simulated class or none is given
   */
  public static List<String> chosen(List<String> names) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String n : names) {
      String name = n.trim();
      if (!classes().contains(name)) {
        throw new IllegalArgumentException("'" + name + "' is not a simulated class; choose from " + String.join(",", classes()));
      }
      wanted.add(name);
    }
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("choose at least one simulated class from " + String.join(",", classes()));
    }
    return classes().stream().filter(wanted::contains).toList();
  }

  /**
   * The classes that label {@code [fromSample, toSample)} of {@code scene} by the coverage rule
   * above, in the order of {@link SoundClass}; empty when nothing sounds enough.
   */
  public static List<String> labelsOf(SensorScene scene, long fromSample, long toSample, double minCoverage) {
    long length = toSample - fromSample;
    Set<String> found = new LinkedHashSet<>();
    for (SceneEvent e : scene.eventsOverlapping(fromSample, toSample)) {
      long inside = Math.min(e.endSample(), toSample) - Math.max(e.startSample(), fromSample);
      if (inside >= minCoverage * length || inside * 2 >= e.lengthSamples()) {
        found.add(e.soundClass().label());
      }
    }
    return classes().stream().filter(found::contains).toList();
  }

  private final SceneConfig scene;
  private final int windowSamples;
  private final int hopSamples;
  private final double minCoverage;
  private final List<String> targets;

  /** Windows with targets over every simulated class. */
  public SimulatedWindows(SceneConfig scene, int windowSamples, int hopSamples, double minCoverage) {
    this(scene, windowSamples, hopSamples, minCoverage, classes());
  }

  /** Windows with targets over {@code targets} only (see {@link #chosen}); the other sounds stay in the audio. */
  public SimulatedWindows(SceneConfig scene, int windowSamples, int hopSamples, double minCoverage, List<String> targets) {
    if (windowSamples <= 0 || hopSamples <= 0) {
      throw new IllegalArgumentException("window and hop must be positive");
    }
    this.scene = scene;
    this.windowSamples = windowSamples;
    this.hopSamples = hopSamples;
    this.minCoverage = minCoverage;
    this.targets = chosen(targets);
  }

  /** The target classes, in output order. */
  public List<String> targets() {
    return targets;
  }

  /**
   * Windows from {@code scenes} scenes of {@code secondsPerScene} each; scene {@code i} is the
   * sensor {@code prefix-i} with seed {@code seed}.
   */
  public List<LabelledWindow> generate(String prefix, int scenes, double secondsPerScene, long seed) {
    List<LabelledWindow> out = new ArrayList<>();
    long total = (long) (secondsPerScene * scene.sampleRate());
    for (int i = 0; i < scenes; i++) {
      SensorScene s = SensorScene.create(prefix + "-" + i, seed, scene);
      float[] audio = s.next((int) total);
      for (long start = 0; start + windowSamples <= total; start += hopSamples) {
        float[] window = new float[windowSamples];
        System.arraycopy(audio, (int) start, window, 0, windowSamples);
        float[] target = new float[targets.size()];
        for (String label : labelsOf(s, start, start + windowSamples, minCoverage)) {
          int k = targets.indexOf(label);
          if (k >= 0) {
            target[k] = 1f;
          }
        }
        out.add(new LabelledWindow(window, target));
      }
    }
    return out;
  }
}
