package io.soundtag.dashboard.live;

/** A label and the score a model gave it, in [0, 1]. */
public record Score(String label, double score) {}
