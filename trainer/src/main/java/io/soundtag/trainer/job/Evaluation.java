package io.soundtag.trainer.job;

import ai.djl.Device;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.clips.LoadedClip;
import io.soundtag.trainer.clips.WindowCutter;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.dataset.Split;
import io.soundtag.trainer.evaluation.ClassAlignment;
import io.soundtag.trainer.evaluation.ClipEvaluation;
import io.soundtag.trainer.evaluation.EvaluationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bundle measured on a dataset, the way {@code soundtag eval} does it: the dataset's classes matched
 * to the bundle's by name, every clip decoded at the bundle's rate and cut into all its windows
 * (hop: half a window), scored through the tagger's inference code and pooled per clip.
 *
 * <pre>{@code
 * EvaluationReport r = Evaluation.of(bundle, TrainingData.dataset(dir, DatasetFormat.ESC50, BadRowPolicy.SKIP, null),
 *     Split.TEST, ServingMode.STUDENT, Device.cpu(), System.err::println);
 * }</pre>
 */
public final class Evaluation {

  private Evaluation() {}

  /**
   * @param split the part of the dataset's own split to score, or null for every clip
   * @param notes receives one line per skipped row
   * @throws IllegalArgumentException when no clip is left, or the dataset has a class the bundle does not know
   */
  public static EvaluationReport of(ModelBundle bundle, TrainingData.Dataset data, Split split, ServingMode mode, Device device,
      Consumer<String> notes) {
    ClipCatalog catalog = DatasetReaders.read(data.format(), data.dir(), data.badRows(), ClipLoader.decodableWav());
    catalog.skipped().forEach(row -> notes.accept("skipped " + row));
    if (split != null) {
      catalog = data.split() != null ? catalog.select(data.split(), split) : catalog.select(split);
    }
    if (catalog.size() == 0) {
      throw new IllegalArgumentException("no clips to evaluate in " + data.dir() + (split == null ? "" : " (split " + split + ")"));
    }
    ClassAlignment alignment = ClassAlignment.of(bundle.manifest().classes(), catalog.classes());
    List<LoadedClip> clips = new ArrayList<>();
    for (LoadedClip c : new ClipLoader(bundle.manifest().sampleRate()).load(catalog)) {
      clips.add(new LoadedClip(c.ref(), c.samples(), alignment.toBundleOrder(c.target())));
    }
    return ClipEvaluation.evaluate(bundle, mode, new WindowCutter(bundle.manifest().windowSamples()).evaluationWindows(clips), device);
  }
}
