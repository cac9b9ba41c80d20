package io.soundtag.tagger.reassembly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one sensor's chunks back in order, converts them to the model's rate as one continuous
 * stream and cuts windows: duplicates are dropped, chunks that arrive early wait for the missing
 * one (within a bound in chunks and in capture time), gaps are filled with silence (within a bound) and a longer gap restarts the
 * stream. State in, state and windows out; only the converters are cached in {@link SensorResamplers}.
 */
public final class StreamReassembly {

  /** What one chunk did. */
  public enum Outcome { APPENDED, HELD, DUPLICATE }

  /**
   * The result of accepting one chunk.
   *
   * @param state the sensor's new state (unchanged for a duplicate)
   * @param windows windows completed, oldest first
   * @param outcome what happened to the chunk
   * @param silenceSamples silent samples (at the model's rate) inserted to fill gaps
   * @param restarts times the stream restarted: a gap beyond the bound, a restarted sequence, a new model rate
   * @param audio the samples added to the stream, gap silence included, in order: what a level meter measures
   */
  public record Step(SensorState state, List<Window> windows, Outcome outcome, long silenceSamples, int restarts,
      List<Audio> audio) {}

  /**
   * Contiguous samples of one stream at the model's rate.
   *
   * @param originMicros capture time of the stream's sample 0; a restarted stream has a new origin
   * @param firstIndex index of {@code samples[0]} since the origin
   * @param samples the samples
   */
  public record Audio(long originMicros, long firstIndex, float[] samples) {}

  /** A window's capture span and its samples at the model's rate. */
  public record Window(long startMicros, long endMicros, float[] samples) {}

  private final ReassemblyPolicy policy;
  private final SensorResamplers resamplers;

  public StreamReassembly(ReassemblyPolicy policy, SensorResamplers resamplers) {
    this.policy = policy;
    this.resamplers = resamplers;
  }

  /**
   * Accepts a chunk decoded to mono samples at the sensor's {@code sampleRate}.
   *
   * @param state the sensor's state, or null for a sensor not seen (or whose state was unreadable)
   * @throws RejectedChunk when the chunk's capture time goes backwards against its neighbours in sequence
   */
  public Step accept(String sensor, SensorState state, long sequence, long captureMicros, float[] samples, int sampleRate,
      WindowGeometry geometry) throws RejectedChunk {
    int restarts = 0;
    if (state == null) {
      resamplers.forget(sensor);
      state = SensorState.fresh(sequence, captureMicros, geometry.sampleRate());
    } else if (state.sampleRate() != geometry.sampleRate()) {
      // A model at another rate: the buffered audio is of no use to it; held chunks still are.
      resamplers.forget(sensor);
      state = new SensorState(state.nextSequence(), state.lastCaptureMicros(), geometry.sampleRate(), captureMicros, 0, 0,
          new float[0], null, state.ahead());
      restarts++;
    }
    if (sequence < state.nextSequence() || state.ahead().containsKey(sequence)) {
      if (captureMicros <= state.lastCaptureMicros() + policy.maxGapMicros()) {
        return new Step(state, List.of(), Outcome.DUPLICATE, 0, 0, List.of());
      }
      // Numbering went back but time went far forward: the sensor restarted its sequence.
      resamplers.forget(sensor);
      state = SensorState.fresh(sequence, captureMicros, geometry.sampleRate());
      restarts++;
    }
    checkTimeOrder(state, sequence, captureMicros);
    Builder b = new Builder(sensor, state, geometry);
    b.restarts = restarts;
    Outcome outcome;
    if (sequence > state.nextSequence()) {
      outcome = Outcome.HELD;
      b.ahead.put(sequence, new SensorState.PendingChunk(captureMicros, sampleRate, samples));
      long waitedMicros = heldEndMicros(b.ahead) - streamEndMicros(state);
      if (b.ahead.size() <= policy.reorderChunks() && waitedMicros <= policy.maxReorderMicros()) {
        return new Step(b.build(), List.of(), outcome, 0, restarts, List.of());
      }
      // Waited long enough (in chunks or in capture time): give up on the missing chunks; the time
      // gap they leave is handled as a gap.
      b.next = b.ahead.firstKey();
    } else {
      outcome = Outcome.APPENDED;
      b.append(captureMicros, samples, sampleRate);
      b.next = sequence + 1;
    }
    while (!b.ahead.isEmpty() && b.ahead.firstKey() == b.next) {
      Map.Entry<Long, SensorState.PendingChunk> e = b.ahead.pollFirstEntry();
      b.append(e.getValue().captureStartMicros(), e.getValue().samples(), e.getValue().sampleRate());
      b.next = e.getKey() + 1;
    }
    return new Step(b.build(), b.windows, outcome, b.silence, b.restarts, b.audio);
  }

  /**
   * Capture time where the stream's audio ends: what the missing chunk would continue. Until the
   * stream's first chunk there is no audio; the latest chunk's capture start stands in.
   */
  private static long streamEndMicros(SensorState state) {
    return state.segment() == null ? state.lastCaptureMicros() : state.segment().endMicros();
  }

  /**
   * Capture time where the held audio ends. The wait is this minus {@link #streamEndMicros}: how far
   * the sensor's output lags the audio it has sent, whatever the lengths of the chunks on either
   * side of the missing one.
   */
  private static long heldEndMicros(TreeMap<Long, SensorState.PendingChunk> ahead) {
    SensorState.PendingChunk latest = ahead.lastEntry().getValue();
    return latest.captureStartMicros() + latest.samples().length * 1_000_000L / latest.sampleRate();
  }

  /** A chunk must not be captured before the chunk numbered below it, nor after the one numbered above it. */
  private static void checkTimeOrder(SensorState state, long sequence, long captureMicros) throws RejectedChunk {
    Map.Entry<Long, SensorState.PendingChunk> below = state.ahead().lowerEntry(sequence);
    long earliest = below == null ? state.lastCaptureMicros() : below.getValue().captureStartMicros();
    Map.Entry<Long, SensorState.PendingChunk> above = state.ahead().higherEntry(sequence);
    if (captureMicros < earliest) {
      throw new RejectedChunk(DeadLetterReason.DECREASING_TIMESTAMP, "chunk " + sequence + " was captured at "
          + captureMicros + " µs, before the sensor's previous chunk at " + earliest + " µs");
    }
    if (above != null && captureMicros > above.getValue().captureStartMicros()) {
      throw new RejectedChunk(DeadLetterReason.DECREASING_TIMESTAMP, "chunk " + sequence + " was captured at "
          + captureMicros + " µs, after chunk " + above.getKey() + " at " + above.getValue().captureStartMicros() + " µs");
    }
  }

  private final class Builder {
    final String sensor;
    final WindowGeometry geometry;
    final TreeMap<Long, SensorState.PendingChunk> ahead;
    final List<Window> windows = new ArrayList<>();
    final List<Audio> audio = new ArrayList<>();
    long next;
    long lastCapture;
    long origin;
    long consumed;
    long windowStart;
    float[] buffer;
    int length;
    RateSegment segment;
    long silence;
    int restarts;

    Builder(String sensor, SensorState s, WindowGeometry geometry) {
      this.sensor = sensor;
      this.geometry = geometry;
      this.ahead = new TreeMap<>(s.ahead());
      this.next = s.nextSequence();
      this.lastCapture = s.lastCaptureMicros();
      this.origin = s.originMicros();
      this.consumed = s.consumedSamples();
      this.windowStart = s.nextWindowStart();
      this.buffer = s.buffer().clone();
      this.length = buffer.length;
      this.segment = s.segment();
    }

    long micros(long index) {
      return origin + index * 1_000_000L / geometry.sampleRate();
    }

    void append(long captureMicros, float[] samples, int rate) {
      if (segment == null) {
        startStream(captureMicros, rate);
      } else {
        long gap = captureMicros - segment.endMicros();
        if (gap > policy.maxGapMicros()) {
          startStream(captureMicros, rate);
          restarts++;
        } else {
          if (rate != segment.fromRate()) {
            add(resamplers.finish(sensor, segment));
            segment = RateSegment.start(rate, geometry.sampleRate(), segment.endMicros());
          }
          if (gap > policy.jitterMicros()) {
            // Silence goes through the converter too, so the stream stays continuous around it.
            int frames = (int) (gap * rate / 1_000_000L);
            long before = segment.emitted();
            convert(new float[frames]);
            silence += segment.emitted() - before;
          }
        }
      }
      convert(samples);
      lastCapture = Math.max(lastCapture, captureMicros);
    }

    void startStream(long captureMicros, int rate) {
      resamplers.forget(sensor);
      origin = captureMicros;
      consumed = 0;
      windowStart = 0;
      length = 0;
      segment = RateSegment.start(rate, geometry.sampleRate(), captureMicros);
    }

    void convert(float[] samples) {
      SensorResamplers.Converted c = resamplers.push(sensor, segment, samples);
      segment = c.segment();
      add(c.samples());
    }

    void add(float[] samples) {
      if (samples.length > 0) {
        audio.add(new Audio(origin, consumed + length, samples));
      }
      ensure(length + samples.length);
      System.arraycopy(samples, 0, buffer, length, samples.length);
      length += samples.length;
      cut();
    }

    void cut() {
      int w = geometry.windowSamples();
      while (consumed + length >= windowStart + w) {
        int from = (int) (windowStart - consumed);
        windows.add(new Window(micros(windowStart), micros(windowStart + w), Arrays.copyOfRange(buffer, from, from + w)));
        windowStart += geometry.hopSamples();
      }
      // Drop what no later window needs (with a hop longer than the window, that is everything buffered).
      int drop = (int) Math.min(length, windowStart - consumed);
      System.arraycopy(buffer, drop, buffer, 0, length - drop);
      length -= drop;
      consumed += drop;
    }

    void ensure(int capacity) {
      if (buffer.length < capacity) {
        buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
      }
    }

    SensorState build() {
      return new SensorState(next, lastCapture, geometry.sampleRate(), origin, consumed, windowStart,
          Arrays.copyOf(buffer, length), segment, ahead);
    }
  }
}
