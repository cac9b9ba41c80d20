package io.soundtag.trainer.training;

import io.soundtag.core.bundle.ModelBundle;

/**
 * Parameters a branch starts from instead of a random initialisation: a served model's branch of
 * the same representation and architecture. When the class count differs (a class was added or
 * removed), every layer but the classifier head starts from these parameters and the head is new.
 *
 * @param branch name of the branch to start, e.g. {@code logmel-cpmobile}
 * @param parameters the branch's DJL parameters, as a bundle stores them
 * @param classes the number of classes those parameters were trained for
 * @param keepHead whether the classifier head is taken over too (only when the classes are the same,
 *     in the same order)
 */
public record WarmStart(String branch, byte[] parameters, int classes, boolean keepHead) {

  public WarmStart {
    if (parameters == null || parameters.length == 0) {
      throw new IllegalArgumentException("a warm start needs the parameters of branch " + branch);
    }
    if (classes < 1) {
      throw new IllegalArgumentException("a warm start needs the class count of its parameters, got " + classes);
    }
  }

  /** A short identity for checkpoint fingerprints: branch, classes and the parameters' hash. */
  String identity() {
    return branch + "/" + classes + (keepHead ? "/head/" : "/new-head/") + ModelBundle.sha256(parameters).substring(0, 12);
  }
}
