/**
 * The trainer's front door: a {@link io.soundtag.trainer.job.TrainingJob} takes {@link
 * io.soundtag.trainer.job.TrainingData} (a dataset directory, simulated scenes or clips in memory) and
 * a {@link io.soundtag.trainer.job.TrainingRecipe} (read from a small JSON file, or the default),
 * optionally warm-started from a served bundle, and returns the bundle, its evaluation and a report.
 */
package io.soundtag.trainer.job;
