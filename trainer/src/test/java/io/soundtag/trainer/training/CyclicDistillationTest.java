package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.training.tracker.Tracker;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MfccConfig;
import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.distill.DistillationForm;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.distill.KlDivergenceLoss;
import io.soundtag.trainer.report.TrainingHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CyclicDistillationTest {

  private static List<float[]> windows(int n, int length, long seed) {
    Random r = new Random(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] w = new float[length];
      double f = i % 2 == 0 ? 300 : 1500;
      for (int k = 0; k < length; k++) {
        w[k] = (float) (0.3 * Math.sin(2 * Math.PI * f * k / 8000) + 0.05 * r.nextGaussian());
      }
      out.add(w);
    }
    return out;
  }

  private static List<float[]> targets(int n) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i % 2 == 0 ? new float[] {1, 0} : new float[] {0, 1});
    }
    return out;
  }

  @Test
  void theScheduleAlternatesSingleBranchAndDistillationEpochsPerCycle() {
    DistillationPlan plan = new DistillationPlan(2, 2, 1, 2, 1, DistillationForm.HINTON, ViewAugmentation.mixup(0.3), 8, 0.001, 1);
    assertThat(plan.totalEpochs()).isEqualTo(6);
    assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(plan::distills).toList()).containsExactly(false, false, true, false, false, true);
    assertThat(plan.startsDistillation(3)).isTrue();
    assertThat(plan.cycleOf(4)).isEqualTo(2);
  }

  @Test
  void theTeacherAndTheStudentOfEveryBranchSeeTheSameMixture() {
    FeatureCache cache = new FeatureCache(windows(6, 800, 1), List.of());
    BranchFeatures logMel = cache.features(LogMelConfig.defaults(8000));
    BranchFeatures mfcc = cache.features(new MfccConfig(LogMelConfig.defaults(8000), 13, true));
    CyclicDistillation.Data data = new CyclicDistillation.Data(TaskType.SINGLE_LABEL, 2, cache, targets(6),
        ClipWindows.ofWindows(List.of(), List.of()));
    AugmentedViews teacherPass = data.views(ViewAugmentation.mixup(0.4));
    AugmentedViews studentPass = data.views(ViewAugmentation.mixup(0.4));
    List<Integer> partners = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int seed = AugmentedViews.seed(42, 3, i);
      AugmentedViews.View a = teacherPass.view(logMel.config(), logMel.normalisation(), logMel.train(), i, seed);
      AugmentedViews.View b = studentPass.view(logMel.config(), logMel.normalisation(), logMel.train(), i, seed);
      AugmentedViews.View c = studentPass.view(mfcc.config(), mfcc.normalisation(), mfcc.train(), i, seed);
      assertThat(b.features()).containsExactly(a.features());
      assertThat(c.target()).containsExactly(a.target());
      int partner = teacherPass.partner(i, seed);
      partners.add(partner);
      // the target's share of the window's own class is λ; the features mix by the same λ
      double lambda = i % 2 == partner % 2 ? 1 : a.target()[i % 2];
      if (i % 2 != partner % 2) {
        float expected = (float) (lambda * logMel.train().get(i)[7] + (1 - lambda) * logMel.train().get(partner)[7]);
        assertThat(a.features()[7]).isCloseTo(expected, within(1e-4f));
      }
    }
    // another epoch draws other mixtures
    assertThat(List.of(0, 1, 2, 3, 4, 5).stream().map(i -> teacherPass.partner(i, AugmentedViews.seed(42, 4, i))).toList())
        .isNotEqualTo(partners);
  }

  @Test
  void softLabelsFollowEq2AndSoftenWithTheTemperature() {
    float[] p1 = CyclicDistillation.softLabels(new float[] {2, 0, -1}, 1, TaskType.SINGLE_LABEL);
    float[] p4 = CyclicDistillation.softLabels(new float[] {2, 0, -1}, 4, TaskType.SINGLE_LABEL);
    double z = Math.exp(2) + 1 + Math.exp(-1);
    assertThat(p1[0]).isCloseTo((float) (Math.exp(2) / z), within(1e-6f));
    assertThat(p4[0]).isLessThan(p1[0]).isGreaterThan(p4[1]);
    assertThat(CyclicDistillation.softLabels(new float[] {0, 4}, 2, TaskType.MULTI_LABEL)[1])
        .isCloseTo((float) (1 / (1 + Math.exp(-2))), within(1e-6f));
  }

  @Test
  void mfccWithDeltasTrainsAsAThreeChannelBranch() {
    MfccConfig mfcc = new MfccConfig(LogMelConfig.defaults(8000), 13, true);
    FeatureTable table = FeatureTable.computeAll(mfcc, windows(4, 800, 2));
    assertThat(table.shape().channels()).isEqualTo(3);
    BranchSpec spec = BranchSpec.parse("mfcc:smallcnn", 8000, 0);
    assertThat(spec.features().create().channels()).isEqualTo(3);
    Tracker lr = Tracker.fixed(0.01f);
    try (BranchModel model = new BranchModel(spec, 2, table.shape(), Device.cpu(), lr, 1)) {
      float[] inputs = new float[4 * table.shape().size()];
      for (int i = 0; i < 4; i++) {
        System.arraycopy(table.get(i), 0, inputs, i * table.shape().size(), table.shape().size());
      }
      DistillationLoss loss = new DistillationLoss(new KlDivergenceLoss(2), 1);
      float[] hard = {1, 0, 0, 1, 1, 0, 0, 1};
      double l = model.step(inputs, 4, (m, logits) -> loss.supervised(m.create(hard, new ai.djl.ndarray.types.Shape(4, 2)), logits));
      assertThat(l).isFinite().isPositive();
      assertThat(model.logits(inputs, 4)).hasDimensions(4, 2);
    }
  }

  @Test
  void aTinyTwoBranchRunRecordsEveryBranchAndPhase() {
    List<float[]> train = windows(24, 800, 3);
    List<float[]> validation = windows(8, 800, 4);
    FeatureCache cache = new FeatureCache(train, validation);
    CyclicDistillation.Data data = new CyclicDistillation.Data(TaskType.SINGLE_LABEL, 2, cache, targets(24),
        ClipWindows.ofWindows(validation, targets(8)));
    List<BranchSpec> branches = BranchSpec.parseList("logmel:smallcnn,mfcc:smallcnn", 8000, 0);
    TrainingHistory history = new TrainingHistory();
    DistillationPlan plan = new DistillationPlan(2, 1, 1, 2, 1, DistillationForm.HINTON, ViewAugmentation.mixup(0.3), 8, 0.01, 5);

    CyclicDistillation.Trained trained = new CyclicDistillation(Device.cpu()).run("t", plan, branches, data, history, null, l -> { });

    assertThat(trained.branches()).hasSize(2);
    assertThat(history.branches()).containsExactly("t logmel-smallcnn", "t mfcc-smallcnn");
    assertThat(history.epochs("t mfcc-smallcnn")).extracting(e -> e.phase())
        .containsExactly("single-branch", "distillation", "single-branch", "distillation");
    assertThat(history.epochs("t logmel-smallcnn")).allSatisfy(e -> {
      assertThat(e.trainLoss()).isFinite().isPositive();
      assertThat(e.validationLoss()).isFinite().isPositive();
      assertThat(e.validationAccuracy()).isBetween(0.0, 1.0);
    });
  }

  @Test
  void multiLabelTargetsTrainWithSigmoidLossesAndMaxPooledClips() {
    List<float[]> train = windows(16, 800, 6);
    List<float[]> validation = windows(6, 800, 7);
    List<float[]> multiHot = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      multiHot.add(new float[] {i % 2, 1, 0}); // class 1 everywhere, class 2 never: not a distribution
    }
    List<float[]> validationTargets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      validationTargets.add(new float[] {i % 2, 1, 0});
    }
    CyclicDistillation.Data data = new CyclicDistillation.Data(TaskType.MULTI_LABEL, 3, new FeatureCache(train, validation),
        multiHot, ClipWindows.ofWindows(validation, validationTargets));
    TrainingHistory history = new TrainingHistory();

    CyclicDistillation.Trained trained = new CyclicDistillation(Device.cpu()).run("m", new DistillationPlan(1, 1, 1, 2, 1, DistillationForm.PAPER,
        ViewAugmentation.mixup(0.3), 8, 0.01, 2), BranchSpec.parseList("logmel:smallcnn,gammatone:smallcnn", 8000, 0), data, history, null, l -> { });

    assertThat(trained.branches()).hasSize(2);
    // mean BCE of three sigmoid outputs starts near log 2, far below a 3-class softmax CE on these targets
    assertThat(history.epochs("m logmel-smallcnn").get(0).trainLoss()).isBetween(0.1, 1.5);
    assertThat(history.epochs("m gammatone-smallcnn").get(1).phase()).isEqualTo("distillation");
  }

  @Test
  void aCoarseHeadTrainsInBothPhasesLeavesTheServedLayoutAndReportsItsAccuracy() {
    List<float[]> train = windows(16, 800, 6);
    List<float[]> validation = windows(6, 800, 7);
    List<float[]> multiHot = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      multiHot.add(i % 4 == 3 ? new float[] {0, 0, 0} : new float[] {i % 2, 1 - i % 2, 0}); // every fourth a negative
    }
    CyclicDistillation.Data data = new CyclicDistillation.Data(TaskType.MULTI_LABEL, 3, new FeatureCache(train, validation),
        multiHot, ClipWindows.ofWindows(validation, multiHot.subList(0, 6)));
    CoarseHead head = CoarseHead.of(List.of("a", "b", "c"), java.util.Map.of("a", "x", "b", "y", "c", "x"), 1);
    DistillationPlan plan = new DistillationPlan(1, 1, 1, 2, 1, DistillationForm.HINTON, ViewAugmentation.mixup(0), 8, 0.01, 2);
    List<BranchSpec> branches = BranchSpec.parseList("logmel:smallcnn,gammatone:smallcnn", 8000, 0);
    TrainingHistory plainHistory = new TrainingHistory();
    TrainingHistory coarseHistory = new TrainingHistory();

    CyclicDistillation.Trained plain = new CyclicDistillation(Device.cpu()).run("p", plan, branches, data, plainHistory, null, l -> { });
    CyclicDistillation.Trained coarse = new CyclicDistillation(Device.cpu(), Integer.MAX_VALUE, List.of(), head)
        .run("c", plan, branches, data, coarseHistory, null, l -> { });

    assertThat(plain.coarseHeadAccuracy()).isEmpty();
    assertThat(coarse.coarseHeadAccuracy()).containsOnlyKeys("logmel-smallcnn", "gammatone-smallcnn");
    assertThat(coarse.coarseHeadAccuracy().values()).allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));
    for (int b = 0; b < 2; b++) {
      assertThat(coarse.branches().get(b).parameters()).hasSameSizeAs(plain.branches().get(b).parameters());
    }
    // the coarse term adds to the training loss of both the single-branch and the distillation epoch
    for (int e = 0; e < 2; e++) {
      assertThat(coarseHistory.epochs("c logmel-smallcnn").get(e).trainLoss())
          .isNotEqualTo(plainHistory.epochs("p logmel-smallcnn").get(e).trainLoss());
    }
  }

  @Test
  void frozenTeachersJoinTheAverageOfEquationThree() {
    List<float[]> train = windows(12, 800, 8);
    CyclicDistillation.Data data = new CyclicDistillation.Data(TaskType.SINGLE_LABEL, 2, new FeatureCache(train, List.of()),
        targets(12), ClipWindows.ofWindows(List.of(), List.of()));
    List<BranchSpec> spec = BranchSpec.parseList("logmel:smallcnn", 8000, 0);
    DistillationPlan plan = new DistillationPlan(1, 1, 1, 2, 1, DistillationForm.PAPER, ViewAugmentation.mixup(0.3), 8, 0.01, 4);
    CyclicDistillation.TrainedBranch a = new CyclicDistillation(Device.cpu()).run("a", DistillationPlan.supervised(1,
        ViewAugmentation.mixup(0.3), 8, 0.01, 1), spec, data, new TrainingHistory(), null, l -> { }).branches().get(0);
    CyclicDistillation.TrainedBranch b = new CyclicDistillation(Device.cpu()).run("b", DistillationPlan.supervised(1,
        ViewAugmentation.mixup(0.3), 8, 0.01, 2), spec, data, new TrainingHistory(), null, l -> { }).branches().get(0);
    BranchFeatures f = data.features().features(spec.get(0).features());
    AugmentedViews views = data.views(plan.augmentation());
    try (BranchModel branch = new BranchModel(spec.get(0), 2, f.train().shape(), Device.cpu(), Tracker.fixed(0f), 0);
        FrozenTeacher same = new FrozenTeacher(a, 2, 800, Device.cpu());
        FrozenTeacher other = new FrozenTeacher(b, 2, 800, Device.cpu())) {
      branch.load(a.parameters());
      float[][] alone = CyclicDistillation.aggregatedSoftLabels(plan, List.of(branch), List.of(f), List.of(), data, 2, views);
      float[][] withItself = CyclicDistillation.aggregatedSoftLabels(plan, List.of(branch), List.of(f), List.of(same), data, 2, views);
      float[][] teacherOnly = CyclicDistillation.aggregatedSoftLabels(plan, List.of(), List.of(), List.of(other), data, 2, views);
      float[][] both = CyclicDistillation.aggregatedSoftLabels(plan, List.of(branch), List.of(f), List.of(other), data, 2, views);
      boolean differs = false;
      for (int i = 0; i < 12; i++) {
        for (int c = 0; c < 2; c++) {
          // a frozen copy of the branch scores the same views alike: the average does not move
          assertThat(withItself[i][c]).isCloseTo(alone[i][c], within(1e-5f));
          // P̄ = (P_branch + P_teacher) / 2
          assertThat(both[i][c]).isCloseTo((alone[i][c] + teacherOnly[i][c]) / 2, within(1e-5f));
          differs |= Math.abs(both[i][c] - alone[i][c]) > 1e-3;
        }
      }
      assertThat(differs).as("another teacher changes the soft labels").isTrue();
    }
  }
}
