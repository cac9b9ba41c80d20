/**
 * Training recipes end to end: from windows to a model bundle, its evaluation, Gao et al.'s results
 * table over several seeds, and the material of the run report.
 */
package io.soundtag.trainer.recipe;
