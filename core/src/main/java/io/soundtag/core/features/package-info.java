/**
 * Time-frequency representations of mono audio, computed by their definitions in
 * docs/ARCHITECTURE.md: {@link io.soundtag.core.features.Stft}, {@link
 * io.soundtag.core.features.LogMel}, {@link io.soundtag.core.features.Mfcc}, {@link
 * io.soundtag.core.features.Cqt} and {@link io.soundtag.core.features.Gammatone}, each built from
 * its validated {@link io.soundtag.core.features.FeatureConfig} as stored in a model bundle, so
 * the trainer and the tagger compute the same features by construction. A {@link
 * io.soundtag.core.features.Representation} is immutable and thread-safe and returns a {@link
 * io.soundtag.core.features.FeatureMatrix} (channels × bins × frames); {@link
 * io.soundtag.core.features.StreamingFrames} feeds a stream chunk by chunk and emits, bit for bit,
 * the frames of the whole stream computed as one clip.
 */
package io.soundtag.core.features;
