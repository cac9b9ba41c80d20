/**
 * The model bundle, the one file that carries a model from training to serving: {@link
 * io.soundtag.core.bundle.ModelBundle} is a zip of {@code bundle.json} ({@link
 * io.soundtag.core.bundle.BundleManifest}: classes, thresholds, task, window geometry, the
 * branches and the gate figures), each branch's DJL parameters (or, for an int8 branch of format
 * 2, its {@link io.soundtag.core.bundle.Int8Quantisation} layers of {@link
 * io.soundtag.core.bundle.Int8Weights}) and {@code SHA256SUMS}, all of it verified on reading. Each {@link io.soundtag.core.bundle.BranchManifest} names its
 * representation, network and {@link io.soundtag.core.bundle.Normalisation}, so the tagger
 * computes exactly the features the model was trained on. A bundle that cannot be served is an
 * {@link io.soundtag.core.bundle.InvalidBundleException} saying why and what to do.
 */
package io.soundtag.core.bundle;
