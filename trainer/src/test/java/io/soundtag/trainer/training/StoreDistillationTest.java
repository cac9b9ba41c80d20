package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.distill.DistillationForm;
import io.soundtag.trainer.logits.LogitStore;
import io.soundtag.trainer.report.TrainingHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDistillationTest {

  @TempDir
  Path dir;

  private static final ViewAugmentation AUGMENTATION = AugmentedViewsTest.everything(ViewAugmentation.MixupDomain.WAVEFORM, false);

  /** 12 labelled windows and 4 label-free ones. */
  private static CyclicDistillation.Data data() {
    List<float[]> windows = new ArrayList<>(AugmentedViewsTest.windows(12, 800, 5));
    windows.addAll(AugmentedViewsTest.windows(4, 800, 6));
    List<float[]> validation = AugmentedViewsTest.windows(4, 800, 7);
    return new CyclicDistillation.Data(TaskType.SINGLE_LABEL, 2, new FeatureCache(windows, validation),
        AugmentedViewsTest.targets(12), ClipWindows.ofWindows(validation, AugmentedViewsTest.targets(4)));
  }

  private static DistillationPlan plan(int epochs, double lambda) {
    return new DistillationPlan(epochs, 1, 0, 2, lambda, DistillationForm.HINTON, AUGMENTATION, 8, 0.01, 3);
  }

  private static List<CyclicDistillation.TrainedBranch> teachers(CyclicDistillation.Data data) {
    return new CyclicDistillation(Device.cpu()).run("teachers", DistillationPlan.supervised(1, AUGMENTATION, 8, 0.01, 1),
        BranchSpec.parseList("logmel:smallcnn,gammatone:smallcnn", 8000, 0), data, new TrainingHistory(), null, l -> { }).branches();
  }

  @Test
  void aStudentRegeneratesFromEachStoredSeedExactlyTheViewItsTeachersScored() throws Exception {
    CyclicDistillation.Data teacherData = data();
    List<CyclicDistillation.TrainedBranch> teachers = teachers(teacherData);
    int[] views = {0};
    LogitStore store = new StoreDistillation(Device.cpu()).writeStore(dir.resolve("logits.bin"), teachers, teacherData,
        AUGMENTATION, 11, 2, 2, () -> views[0]++);
    assertThat(views[0]).isEqualTo(2 * 16);
    assertThat(store.header().labelled()).isEqualTo(12);
    assertThat(store.header().teachers()).hasSize(2);

    // the student's run: its own caches and views, only the store in common
    CyclicDistillation.Data studentData = data();
    AugmentedViews studentViews = studentData.views(AUGMENTATION);
    CyclicDistillation.TrainedBranch teacher = teachers.get(0);
    try (FrozenTeacher alone = new FrozenTeacher(teacher, 2, 800, Device.cpu())) {
      // with one teacher the stored logits are log softmax of that teacher's logits on the view
      LogitStore single = new StoreDistillation(Device.cpu()).writeStore(dir.resolve("one.bin"), List.of(teacher), teacherData,
          AUGMENTATION, 11, 1, 2, () -> { });
      for (int w = 0; w < 16; w++) {
        LogitStore.View stored = single.view(1, w);
        assertThat(stored.seed()).isEqualTo(AugmentedViews.seed(11, 1, w));
        float[] logits = alone.logits(studentViews, new int[] {w}, 0, new int[] {stored.seed()})[0];
        float[] p = CyclicDistillation.softLabels(logits, 1, TaskType.SINGLE_LABEL);
        for (int i = 0; i < 2; i++) {
          float expected = (float) Math.log(p[stored.classes()[i]]);
          assertThat(stored.logits()[i]).isCloseTo(expected, within(Math.abs(expected) / 1024 + 1e-3f));
        }
      }
    }

    TrainingHistory history = new TrainingHistory();
    CyclicDistillation.TrainedBranch student = new StoreDistillation(Device.cpu()).train("ced", plan(3, 0.5),
        BranchSpec.parse("logmel:smallcnn", 8000, 0), studentData, LogitStore.read(dir.resolve("logits.bin")), history, l -> { });
    assertThat(student.parameters()).isNotEmpty();
    assertThat(history.epochs("ced logmel-smallcnn")).hasSize(3).allSatisfy(e -> {
      assertThat(e.trainLoss()).isFinite().isPositive();
      assertThat(e.phase()).isEqualTo("from store");
    });
  }

  @Test
  void aStoreOfOtherDataOrAugmentationIsRefusedSayingWhatDiffers() throws Exception {
    CyclicDistillation.Data data = data();
    LogitStore store = new StoreDistillation(Device.cpu()).writeStore(dir.resolve("s.bin"), teachers(data).subList(0, 1), data,
        AUGMENTATION, 11, 1, 2, () -> { });
    DistillationPlan otherAugmentation = new DistillationPlan(1, 1, 0, 2, 1, DistillationForm.HINTON, ViewAugmentation.mixup(0.3),
        8, 0.01, 3);
    assertThatThrownBy(() -> new StoreDistillation(Device.cpu()).train("x", otherAugmentation, BranchSpec.parse("logmel:smallcnn", 8000, 0),
        data, store, new TrainingHistory(), l -> { })).hasMessageContaining("made with augmentation");
    List<float[]> fewer = AugmentedViewsTest.windows(12, 800, 5);
    CyclicDistillation.Data other = new CyclicDistillation.Data(TaskType.SINGLE_LABEL, 2, new FeatureCache(fewer, List.of()),
        AugmentedViewsTest.targets(12), ClipWindows.ofWindows(List.of(), List.of()));
    assertThatThrownBy(() -> new StoreDistillation(Device.cpu()).train("x", plan(1, 1), BranchSpec.parse("logmel:smallcnn", 8000, 0),
        other, store, new TrainingHistory(), l -> { })).hasMessageContaining("16 windows (12 labelled), this run 12 (12)");
  }

  @Test
  void ensembleLogitsGiveTheEnsembleBack() {
    float[] p = {0.7f, 0.2f, 0.1f};
    float[] back = CyclicDistillation.softLabels(StoreDistillation.ensembleLogits(p, TaskType.SINGLE_LABEL), 1, TaskType.SINGLE_LABEL);
    assertThat(back[0]).isCloseTo(0.7f, within(1e-6f));
    float[] multi = CyclicDistillation.softLabels(StoreDistillation.ensembleLogits(p, TaskType.MULTI_LABEL), 1, TaskType.MULTI_LABEL);
    assertThat(multi[2]).isCloseTo(0.1f, within(1e-6f));
  }
}
