/**
 * Serving and replacing the model: {@link io.soundtag.tagger.model.ModelSlot} holds the model the
 * stream threads score with; {@link io.soundtag.tagger.model.ModelFollower} reads
 * {@code audio.models} and hands releases to {@link io.soundtag.tagger.model.HotSwap}, which keeps
 * to the deployment followed and to release order, and swaps in what
 * {@link io.soundtag.tagger.model.ReleaseVerifier} finds servable (geometry, classes, a warm-up
 * batch); everything else is refused or ignored with a reason and a count.
 */
package io.soundtag.tagger.model;
