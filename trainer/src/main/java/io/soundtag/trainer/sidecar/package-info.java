/**
 * The sidecar trainer: {@link io.soundtag.trainer.sidecar.Sidecar#start} follows the labels topic,
 * trains candidates through the trainer's {@link io.soundtag.trainer.job.TrainingJob}, lets the
 * {@link io.soundtag.trainer.gate.Gate} decide against the served release, and records every decision,
 * with its lineage and both models' figures, as a release on the releases topic. A candidate of a
 * model that carries a taxonomy keeps its classes and taxonomy ({@code SiteTaxonomy}); a
 * candidate's thresholds are chosen for a false-alarm target ({@code CandidateThresholds}).
 */
package io.soundtag.trainer.sidecar;
