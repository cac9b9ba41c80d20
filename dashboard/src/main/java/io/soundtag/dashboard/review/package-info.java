/**
 * Reviews of what a model said about a window or a sound event: confirm, correct, false positive
 * (a negative) or a new class. A review becomes a labelled clip for the learning loop through
 * {@link io.soundtag.dashboard.review.ReviewSink}; the reviews so far give per-class precision and
 * recall, and the windows just under their threshold make the review queue.
 */
package io.soundtag.dashboard.review;
