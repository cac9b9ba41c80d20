package io.soundtag.trainer.labels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The labelled dataset as of some offsets of {@code audio.labels}: what a training run uses and
 * what its release records.
 *
 * @param topic the labels topic
 * @param endOffsets the offset each partition was read up to (exclusive)
 * @param clips the clips, ordered by id
 * @param labelSetHash sha256 (hex) of the set of (clip id, labels, negative flag, split); see {@link #labelSetHash(Collection)}
 * @param rejected records the cache could not use (not a clip, id not matching its audio, …)
 */
public record LabelSnapshot(String topic, Map<Integer, Long> endOffsets, List<CachedClip> clips, String labelSetHash,
    int rejected) {

  public LabelSnapshot {
    endOffsets = Map.copyOf(endOffsets);
    clips = clips.stream().sorted(Comparator.comparing(CachedClip::clipId)).toList();
  }

  /** A snapshot of {@code clips}, with its hash. */
  static LabelSnapshot of(String topic, Map<Integer, Long> endOffsets, List<CachedClip> clips, int rejected) {
    return new LabelSnapshot(topic, endOffsets, clips, labelSetHash(clips.stream().map(CachedClip::summary).toList()), rejected);
  }

  /** Number of clips. */
  public int size() {
    return clips.size();
  }

  /** Every class name some clip has, sorted. */
  public List<String> classes() {
    TreeSet<String> classes = new TreeSet<>();
    clips.forEach(c -> classes.addAll(c.labels()));
    return List.copyOf(classes);
  }

  /** Clips per class, split, annotator and origin. */
  public LabelCounts counts() {
    return LabelCounts.of(clips.stream().map(CachedClip::summary).toList());
  }

  /**
   * How many clips were added, deleted, or had their labels, negative flag or split changed since
   * {@code earlier}: what decides whether enough is new to train again.
   */
  public int changedSince(LabelSnapshot earlier) {
    Map<String, String> before = new HashMap<>();
    earlier.clips.forEach(c -> before.put(c.clipId(), line(c.summary())));
    int changed = 0;
    for (CachedClip c : clips) {
      String old = before.remove(c.clipId());
      changed += line(c.summary()).equals(old) ? 0 : 1;
    }
    return changed + before.size();
  }

  /**
   * The hash of a set of clips: sha256 over their lines {@code id TAB sorted labels TAB negative
   * TAB split}, sorted by id. It changes exactly when a clip is added or deleted or its labels,
   * negative flag or split change; who labelled it and when do not count.
   */
  public static String labelSetHash(Collection<ClipSummary> clips) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    clips.stream().sorted(Comparator.comparing(ClipSummary::clipId))
        .forEach(c -> sha.update((line(c) + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String line(ClipSummary c) {
    return c.clipId() + "\t" + String.join("\u001f", new TreeSet<>(c.labels())) + "\t" + c.negative() + "\t" + c.split();
  }
}
