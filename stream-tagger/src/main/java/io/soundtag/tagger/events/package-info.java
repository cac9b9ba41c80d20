/**
 * Sound events from window scores: {@link io.soundtag.tagger.events.SoundEventDetector} turns each
 * sensor's scored windows into sounds with an onset and an offset by the hysteresis of an {@link
 * io.soundtag.tagger.events.EventPolicy} (k of n windows at or above the class threshold to start,
 * below a fraction of it to end), so an operator sees one sound instead of a row per overlapping
 * window. It writes one SoundEvent when a sound starts and one when it ends, each with the
 * acoustics of its span; a gap in the windows ends every sound in progress.
 */
package io.soundtag.tagger.events;
