package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.GammatoneConfig;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.trainer.augment.BandLimit;
import io.soundtag.trainer.augment.FMix;
import io.soundtag.trainer.augment.FreqMixStyle;
import io.soundtag.trainer.augment.FrequencyMask;
import io.soundtag.trainer.augment.Gain;
import io.soundtag.trainer.augment.Reverb;
import io.soundtag.trainer.augment.TimeMask;
import io.soundtag.trainer.augment.TimeShift;
import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.clips.ClipWindows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentedViewsTest {

  static List<float[]> windows(int n, int length, long seed) {
    Random r = new Random(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] w = new float[length];
      double f = 200 + 150 * i;
      for (int k = 0; k < length; k++) {
        w[k] = (float) (0.3 * Math.sin(2 * Math.PI * f * k / 8000) + 0.05 * r.nextGaussian());
      }
      out.add(w);
    }
    return out;
  }

  static List<float[]> targets(int n) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i % 2 == 0 ? new float[] {1, 0} : new float[] {0, 1});
    }
    return out;
  }

  /** Every waveform and feature augmentation at once. */
  static ViewAugmentation everything(ViewAugmentation.MixupDomain domain, boolean fmix) {
    return new ViewAugmentation(new TimeShift(200, true), new Gain(-6, 6), new BandLimit(8000, 1000, 3500, 31),
        new Reverb(8000, 0.05, 0.3), fmix ? 0 : 0.4, domain, fmix ? FMix.defaults() : null, new FreqMixStyle(0.5, 0.3, 1e-6),
        new TimeMask(1, 10, 0f), new FrequencyMask(1, 8, 0f));
  }

  private static CyclicDistillation.Data data(FeatureCache cache, int labelled) {
    return new CyclicDistillation.Data(TaskType.SINGLE_LABEL, 2, cache, targets(labelled), ClipWindows.ofWindows(List.of(), List.of()));
  }

  @Test
  void theSameSeedGivesTheSameViewBitForBitInEveryRepresentationAndAnotherSeedAnotherView() {
    for (ViewAugmentation augmentation : List.of(everything(ViewAugmentation.MixupDomain.WAVEFORM, false),
        everything(ViewAugmentation.MixupDomain.FEATURES, false), everything(ViewAugmentation.MixupDomain.FEATURES, true))) {
      // two independent caches and view sets: the teacher's run and, later, the student's
      FeatureCache teacherCache = new FeatureCache(windows(8, 800, 1), List.of());
      FeatureCache studentCache = new FeatureCache(windows(8, 800, 1), List.of());
      AugmentedViews teacher = data(teacherCache, 8).views(augmentation);
      AugmentedViews student = data(studentCache, 8).views(augmentation);
      for (var config : List.of(LogMelConfig.defaults(8000), GammatoneConfig.defaults(8000))) {
        BranchFeatures t = teacherCache.features(config);
        BranchFeatures s = studentCache.features(config);
        for (int i = 0; i < 8; i++) {
          int seed = AugmentedViews.seed(7, 2, i);
          AugmentedViews.View a = teacher.view(t.config(), t.normalisation(), t.train(), i, seed);
          AugmentedViews.View b = student.view(s.config(), s.normalisation(), s.train(), i, seed);
          assertThat(b.features()).as(augmentation + " window " + i).isEqualTo(a.features());
          assertThat(b.target()).isEqualTo(a.target());
          AugmentedViews.View other = teacher.view(t.config(), t.normalisation(), t.train(), i, seed + 1);
          assertThat(Arrays.equals(other.features(), a.features())).isFalse();
          assertThat(Arrays.equals(a.features(), t.train().get(i))).as("the view is augmented").isFalse();
        }
      }
    }
  }

  @Test
  void everyRepresentationOfAViewHasTheSameMixedTarget() {
    FeatureCache cache = new FeatureCache(windows(8, 800, 2), List.of());
    AugmentedViews views = data(cache, 8).views(everything(ViewAugmentation.MixupDomain.WAVEFORM, false));
    BranchFeatures logMel = cache.features(LogMelConfig.defaults(8000));
    BranchFeatures gammatone = cache.features(GammatoneConfig.defaults(8000));
    for (int i = 0; i < 8; i++) {
      int seed = AugmentedViews.seed(3, 1, i);
      assertThat(views.view(gammatone.config(), gammatone.normalisation(), gammatone.train(), i, seed).target())
          .isEqualTo(views.view(logMel.config(), logMel.normalisation(), logMel.train(), i, seed).target());
    }
  }

  @Test
  void labelFreeWindowsMixOnlyWithLabelFreeWindows() {
    FeatureCache cache = new FeatureCache(windows(10, 800, 3), List.of());
    AugmentedViews views = data(cache, 6).views(ViewAugmentation.mixup(0.4));
    for (int i = 0; i < 10; i++) {
      for (int e = 1; e <= 5; e++) {
        int partner = views.partner(i, AugmentedViews.seed(1, e, i));
        assertThat(partner < 6).isEqualTo(i < 6);
      }
    }
    assertThat(views.isLabelled(5)).isTrue();
    assertThat(views.isLabelled(6)).isFalse();
  }
}
