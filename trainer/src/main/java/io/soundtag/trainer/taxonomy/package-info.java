/**
 * The class taxonomy of a model trained on several sources: fine classes (the model's outputs),
 * each in one coarse group, the source labels of datasets and of the simulated scenes that train
 * each fine class, and the source labels that are "none of these" (negatives). Also the
 * leave-source-packages-out folds that keep a recording source on one side of a split, and the
 * quiet ambience windows that train and measure silence on near-silence.
 */
package io.soundtag.trainer.taxonomy;
