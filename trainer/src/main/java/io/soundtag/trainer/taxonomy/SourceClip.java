package io.soundtag.trainer.taxonomy;

import io.soundtag.trainer.dataset.ClipRef;

/**
 * A dataset clip as a taxonomy sees it.
 *
 * @param ref the clip
 * @param sourceLabel its label in the dataset (e.g. {@code footsteps})
 * @param sourcePackage where the recording came from; {@code "?"} when the dataset does not say
 */
public record SourceClip(ClipRef ref, String sourceLabel, String sourcePackage) {}
