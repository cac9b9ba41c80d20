/**
 * The distillation experiment protocol: stratified k-fold cross-validation by clip, every method
 * trained on the same folds and seeds, teachers trained once per fold and reused by every student
 * through the logit store, and paired differences (method − the student trained alone) with a
 * t-interval, so that a claimed gain can be told from seed and split noise.
 */
package io.soundtag.trainer.protocol;
