package io.soundtag.trainer.recipe;

import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.training.BranchSpec;
import io.soundtag.trainer.training.CyclicDistillation;
import java.util.ArrayList;
import java.util.List;

/**
 * The frozen teachers of a run: networks trained here first, on the labels with the run's
 * augmentation, and/or every branch of existing bundles. {@code ced} distils them into a logit
 * store; {@code mrkd} adds their soft labels to the branches' average inside every cycle.
 *
 * @param train teachers to train first (e.g. {@code logmel:resnet}), each for {@code epochs}
 * @param epochs supervised epochs of each teacher trained here
 * @param bundles bundles whose every branch is a teacher as it is
 */
public record Teachers(List<BranchSpec> train, int epochs, List<ModelBundle> bundles) {

  public Teachers {
    train = List.copyOf(train);
    bundles = List.copyOf(bundles);
    if (!train.isEmpty() && epochs < 1) {
      throw new IllegalArgumentException("teachers trained here need at least one epoch, got " + epochs);
    }
  }

  /** No teachers. */
  public static Teachers none() {
    return new Teachers(List.of(), 0, List.of());
  }

  public boolean isEmpty() {
    return train.isEmpty() && bundles.isEmpty();
  }

  /**
   * The bundles' branches as trained teachers, checked against the run: the same classes in the
   * same order, the same sample rate and window length.
   */
  List<CyclicDistillation.TrainedBranch> fromBundles(List<String> classes, int sampleRate, int windowSamples) {
    List<CyclicDistillation.TrainedBranch> out = new ArrayList<>();
    for (ModelBundle b : bundles) {
      var m = b.manifest();
      String id = m.modelName() + ":" + m.version();
      if (!m.classes().equals(classes)) {
        throw new IllegalArgumentException("teacher bundle " + id + " has classes " + m.classes() + ", this run " + classes
            + "; a teacher must score the run's classes in the run's order");
      }
      if (m.sampleRate() != sampleRate || m.windowSamples() != windowSamples) {
        throw new IllegalArgumentException("teacher bundle " + id + " takes " + m.windowSamples() + " samples at " + m.sampleRate()
            + " Hz, this run " + windowSamples + " at " + sampleRate + "; give --sample-rate and --window-ms to match");
      }
      for (BranchManifest branch : m.branches()) {
        branch.requireFloat("a teacher (teacher bundle " + id + ")");
        out.add(new CyclicDistillation.TrainedBranch(new BranchSpec(branch.name(), branch.features(), branch.network()),
            branch.normalisation(), b.parameters(branch)));
      }
    }
    return out;
  }
}
