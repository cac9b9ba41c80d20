/**
 * {@code soundtag eval} ({@link io.soundtag.ops.eval.EvalCommand}): a model bundle's metrics on a
 * labelled dataset, or, for a bundle trained on a taxonomy, as it is served at its thresholds. The
 * command is thin: datasets, evaluation and reports belong to the trainer.
 */
package io.soundtag.ops.eval;
