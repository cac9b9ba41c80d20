package io.soundtag.core.release;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels a model was trained on: where the label topic had been read to, and a hash of the
 * labelled set, so that a release can be traced back to its data and two runs on the same labels
 * recognised as such.
 *
 * @param topic the labels topic
 * @param offsets partition to the next offset read
 * @param labelSetHash hex SHA-256 over the sorted clip ids and their labels
 * @param clips how many clips the set held
 */
public record LabelSnapshot(String topic, Map<Integer, Long> offsets, String labelSetHash, int clips) {

  public LabelSnapshot {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("a label snapshot names its topic");
    }
    if (labelSetHash == null || labelSetHash.isBlank()) {
      throw new IllegalArgumentException("a label snapshot carries the hash of its label set");
    }
    if (clips < 0) {
      throw new IllegalArgumentException("a label snapshot's clip count cannot be negative, got " + clips);
    }
    offsets = Map.copyOf(new TreeMap<>(offsets == null ? Map.of() : offsets));
  }
}
