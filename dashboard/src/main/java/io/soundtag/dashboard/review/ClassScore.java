package io.soundtag.dashboard.review;

/**
 * Per-class agreement of a model with its reviewers.
 *
 * @param label the class
 * @param truePositives reviewed spans where the model gave the label and the reviewer agreed
 * @param falsePositives the model gave it, the reviewer said it is not there
 * @param falseNegatives the reviewer said it is there, the model did not give it
 * @param precision {@code tp / (tp + fp)}, or null with nothing to divide
 * @param recall {@code tp / (tp + fn)}, or null with nothing to divide
 */
public record ClassScore(String label, long truePositives, long falsePositives, long falseNegatives, Double precision,
    Double recall) {}
