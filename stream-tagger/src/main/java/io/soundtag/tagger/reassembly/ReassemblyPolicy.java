package io.soundtag.tagger.reassembly;

/**
 * Bounds of reassembly.
 *
 * @param reorderChunks chunks held while waiting for a missing one; past it the gap is given up on
 * @param maxReorderMicros capture time the held chunks' audio may run past the end of the stream (where
 *     the missing chunk starts) before the missing one is given up on, so a lost chunk delays its sensor
 *     by at most this much, whatever the chunks' lengths (with live
 *     sensors capture time is wall-clock time; it is also what makes the wait replay identically)
 * @param maxGapMicros a gap up to this long is filled with silence; a longer one restarts the stream
 * @param jitterMicros timestamp differences up to this are clock jitter, not gaps
 */
public record ReassemblyPolicy(int reorderChunks, long maxReorderMicros, long maxGapMicros, long jitterMicros) {

  public ReassemblyPolicy {
    if (reorderChunks < 0) {
      throw new IllegalArgumentException("reorder bound must be 0 or more chunks, got " + reorderChunks);
    }
    if (maxReorderMicros < 0 || maxGapMicros < 0 || jitterMicros < 0) {
      throw new IllegalArgumentException("reorder wait, gap and jitter bounds must not be negative");
    }
  }

  /** Hold up to 8 chunks or 1 s of audio, fill gaps up to 2 s, ignore 20 ms of jitter. */
  public static ReassemblyPolicy defaults() {
    return new ReassemblyPolicy(8, 1_000_000L, 2_000_000L, 20_000L);
  }

  /** The same bounds with another reorder wait. */
  public ReassemblyPolicy withMaxReorderMillis(long millis) {
    return new ReassemblyPolicy(reorderChunks, millis * 1000L, maxGapMicros, jitterMicros);
  }
}
