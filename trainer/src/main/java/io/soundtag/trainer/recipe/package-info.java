/**
 * Training recipes end to end: from windows to a model bundle, its evaluation, Gao et al.'s results
 * table over several seeds (each seed's student also in int8 when the run quantises it, with the
 * bundle bytes of both), and the material of the run report.
 */
package io.soundtag.trainer.recipe;
