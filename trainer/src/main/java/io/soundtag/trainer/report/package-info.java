/**
 * What a training run leaves behind and shows while it runs: the per-branch training history,
 * an HTML report with PNG plots (loss and accuracy curves per branch, confusion matrix, per-class
 * AP), Gao et al.'s results table (each branch trained independently vs. distilled, and the
 * ensemble; mean ± sd over seeds), the model complexity, and a console progress bar with loss and
 * ETA.
 */
package io.soundtag.trainer.report;
