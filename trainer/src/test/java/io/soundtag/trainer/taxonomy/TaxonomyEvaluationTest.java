package io.soundtag.trainer.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.evaluation.OpenSetReport;
import io.soundtag.trainer.job.LabelledAudio;
import io.soundtag.trainer.job.TrainingData;
import io.soundtag.trainer.job.TrainingJob;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.job.TrainingRecipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taxonomy model scored on one or several folder-per-class datasets, all of them or one fold of their packages. */
class TaxonomyEvaluationTest {

  @TempDir
  Path dir;

  /** A one-epoch model of the built-in taxonomy's classes, on a few tones: its figures are not the point, what it is scored on is. */
  private static ModelBundle model() {
    List<String> classes = Taxonomy.builtIn().classNames();
    List<LabelledAudio> clips = new ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      float[] x = new float[4000];
      for (int k = 0; k < x.length; k++) {
        x[k] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + 100 * i) * k / 8000));
      }
      clips.add(new LabelledAudio("tone-" + i, new MonoAudio(x, 8000), List.of(classes.get(i))));
    }
    TrainingRecipe recipe = TrainingRecipe.defaults().with(Map.of("method", "supervised", "branches", List.of("logmel:smallcnn"),
        "epochs", 1, "audio", Map.of("sampleRate", 8000, "fftSize", 256, "frameHopMs", 10, "windowMs", 250, "hopMs", 125),
        "schedule", Map.of("batchSize", 8)));
    return TrainingJob.builder().setData(TrainingData.clips("tones", TaskType.MULTI_LABEL, classes, clips, clips))
        .optRecipe(recipe).optDevice(Device.cpu()).build().run(new TrainingListener() {}).bundle();
  }

  @Test
  void severalDatasetsAreScoredTogetherAndAFoldIsTheSamePackagesInEach() throws Exception {
    // two copies of the same four packages, as a band-limited and a full-band copy of one set would be
    Path a = ToneDevSet.write(dir.resolve("a"), List.of("gunshot", "speech"));
    Path b = ToneDevSet.write(dir.resolve("b"), List.of("gunshot", "speech"));
    ModelBundle bundle = model();
    Taxonomy t = Taxonomy.builtIn();
    List<String> notes = new ArrayList<>();

    OpenSetReport one = TaxonomyEvaluation.folder(bundle, t, List.of(a), BadRowPolicy.FAIL, 0, 0, Device.cpu(), notes::add);
    OpenSetReport both = TaxonomyEvaluation.folder(bundle, t, List.of(a, b), BadRowPolicy.FAIL, 0, 0, Device.cpu(), notes::add);
    OpenSetReport fold = TaxonomyEvaluation.folder(bundle, t, List.of(a, b), BadRowPolicy.FAIL, 4, 2, Device.cpu(), notes::add);

    // gunshot is a class, speech a negative: 4 packages of one clip each
    assertThat(one.inClassClips()).isEqualTo(4);
    assertThat(one.outOfClassClips()).isEqualTo(4);
    assertThat(both.inClassClips()).isEqualTo(8);
    assertThat(both.outOfClassClips()).isEqualTo(8);
    // one package of four, in both copies
    assertThat(fold.inClassClips()).isEqualTo(2);
    assertThat(fold.outOfClassClips()).isEqualTo(2);
    assertThat(notes).anyMatch(n -> n.startsWith("scoring fold 2 of 4: "));
  }
}
