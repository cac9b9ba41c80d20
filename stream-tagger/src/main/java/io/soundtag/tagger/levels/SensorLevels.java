package io.soundtag.tagger.levels;

import io.soundtag.core.acoustics.IntervalLevels;
import io.soundtag.core.acoustics.LevelMeter;
import io.soundtag.core.acoustics.SpanLevels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sensor's level reporting: state in, state and finished intervals out.
 *
 * <p>Audio goes through a {@link LevelMeter} whose intervals start on multiples of the interval
 * since the epoch (the first, partial one only settles the filters and is not reported). A whole
 * interval waits until a window starting at or after its end has been scored, so that every
 * window overlapping it has been: then each 100 ms of it is attributed to every label of a
 * window tagged with it that covers the period's middle, and the interval is reported with each
 * label's share of its A-weighted energy. At most {@link #MAX_WAITING} intervals wait (when
 * windows stop coming, the oldest goes out with the tags known). A restarted stream (new origin
 * or rate) starts a new meter and sends what was waiting.
 *
 * <p>The meter also cuts the stream into 100 ms blocks aligned to the stream's sample 0 ({@link #BLOCK_SECONDS}), and
 * each scored window takes the blocks up to its end that no earlier window took: the audio it
 * adds, as a {@link MeasuredSpan} (block by block for a stream's first window, which holds the
 * starts of the next ones), from which sounds get their levels. A window edge between two block
 * edges (not one with the shipped model's 1 s windows every 0.5 s) takes the blocks up to the
 * edge before it. At most {@link #MAX_BLOCKS} blocks wait for a window.
 */
public final class SensorLevels {

  /** Intervals that may wait for their windows' tags. */
  public static final int MAX_WAITING = 3;

  /** The blocks spans are made of, in seconds (rounded down to whole samples). */
  public static final double BLOCK_SECONDS = 0.1;
  /** Blocks that may wait for a window to take them (a minute's). */
  public static final int MAX_BLOCKS = 600;

  private static final int FORMAT = 2;

  /** A scored window's span and the labels it was tagged with. */
  public record Span(long startMicros, long endMicros, List<String> labels) {}

  /**
   * A finished interval.
   *
   * @param startMicros capture time of its first sample
   * @param endMicros capture time just after its last
   * @param levels its levels, uncalibrated
   * @param shares per-label shares, largest energy first
   */
  public record Interval(long startMicros, long endMicros, IntervalLevels levels, List<Share> shares) {}

  /**
   * One label's share of an interval.
   *
   * @param label the class
   * @param seconds time attributed to it
   * @param laeqDbfs its LAeq over that time, uncalibrated
   * @param energyFraction its A-weighted energy over the interval's
   */
  public record Share(String label, double seconds, double laeqDbfs, double energyFraction) {}

  /**
   * The levels of a stretch of one sensor's audio.
   *
   * @param startMicros capture time of its first sample
   * @param endMicros capture time just after its last
   * @param levels what was measured, uncalibrated
   */
  public record MeasuredSpan(long startMicros, long endMicros, SpanLevels levels) {}

  /**
   * The result of one step.
   *
   * @param state the sensor's new state
   * @param finished intervals to report
   * @param audio for a scored window, the audio it adds to the ones before it, oldest first: one span, or a span
   *     per block for the first window of a stream; empty when none
   */
  public record Step(State state, List<Interval> finished, List<MeasuredSpan> audio) {

    Step(State state, List<Interval> finished) {
      this(state, finished, List.of());
    }
  }

  /**
   * What is remembered of one sensor.
   *
   * @param originMicros the stream's origin
   * @param sampleRate its rate
   * @param meterFirstIndex the stream index of the meter's first sample
   * @param nextIndex the stream index expected next
   * @param meter the meter's bytes
   * @param waiting whole intervals waiting for their windows' tags, oldest first
   * @param spans scored windows not older than the oldest interval still to report
   * @param scoredFromMicros the latest start of a scored window
   * @param blocksFromIndex the stream index where the first of {@code blocks} starts
   * @param blocks measured blocks no window has taken yet, oldest first
   */
  public record State(long originMicros, int sampleRate, long meterFirstIndex, long nextIndex, byte[] meter,
      List<IntervalLevels> waiting, List<Span> spans, long scoredFromMicros, long blocksFromIndex,
      List<SpanLevels> blocks) {}

  private final LevelPolicy policy;

  public SensorLevels(LevelPolicy policy) {
    this.policy = policy;
  }

  /** Measures audio; intervals come out of {@link #scored} once their windows are tagged (or of a restart). */
  public Step audio(State state, SensorAudio a) {
    List<Interval> out = new ArrayList<>();
    if (state == null || state.originMicros() != a.originMicros() || state.sampleRate() != a.sampleRate()
        || state.nextIndex() != a.firstIndex()) {
      if (state != null) {
        for (IntervalLevels l : state.waiting()) {
          out.add(finish(state, l));
        }
      }
      state = fresh(a);
    }
    LevelMeter meter = LevelMeter.fromBytes(state.meter());
    List<IntervalLevels> waiting = new ArrayList<>(state.waiting());
    waiting.addAll(meter.push(a.samples()));
    List<SpanLevels> blocks = new ArrayList<>(state.blocks());
    blocks.addAll(meter.takeBlocks());
    long blocksFrom = state.blocksFromIndex();
    while (blocks.size() > MAX_BLOCKS) {
      blocksFrom += blocks.remove(0).samples();
    }
    State next = new State(state.originMicros(), state.sampleRate(), state.meterFirstIndex(),
        a.firstIndex() + a.samples().length, meter.toBytes(), waiting, state.spans(), state.scoredFromMicros(),
        blocksFrom, blocks);
    next = release(next, out);
    return new Step(next, out);
  }

  /** Records a scored window's tags and finishes the intervals every window of which is now scored. */
  public Step scored(State state, Span span) {
    if (state == null) {
      return new Step(null, List.of());
    }
    List<Span> spans = new ArrayList<>(state.spans());
    spans.add(span);
    // The blocks up to the window's end: one span, or block by block for the stream's first window,
    // whose audio holds the starts of the windows after it.
    List<SpanLevels> blocks = new ArrayList<>(state.blocks());
    boolean first = state.blocksFromIndex() == state.meterFirstIndex();
    long to = state.blocksFromIndex();
    List<MeasuredSpan> audio = new ArrayList<>();
    while (!blocks.isEmpty() && streamMicros(state, to + blocks.get(0).samples()) <= span.endMicros()) {
      SpanLevels b = blocks.remove(0);
      long end = to + b.samples();
      if (first || audio.isEmpty()) {
        audio.add(new MeasuredSpan(streamMicros(state, to), streamMicros(state, end), b));
      } else {
        MeasuredSpan last = audio.remove(audio.size() - 1);
        audio.add(new MeasuredSpan(last.startMicros(), streamMicros(state, end), last.levels().then(b)));
      }
      to = end;
    }
    State next = new State(state.originMicros(), state.sampleRate(), state.meterFirstIndex(), state.nextIndex(),
        state.meter(), state.waiting(), spans, Math.max(state.scoredFromMicros(), span.startMicros()), to, blocks);
    List<Interval> out = new ArrayList<>();
    return new Step(release(next, out), out, List.copyOf(audio));
  }

  private static long streamMicros(State s, long index) {
    return s.originMicros() + index * 1_000_000L / s.sampleRate();
  }

  private State fresh(SensorAudio a) {
    long t = a.micros(a.firstIndex());
    long interval = policy.intervalMicros();
    long boundary = Math.floorDiv(t + interval - 1, interval) * interval;
    // The first stream index at or after the boundary.
    long index = Math.max(a.firstIndex(), ceilDiv((boundary - a.originMicros()) * a.sampleRate(), 1_000_000L));
    while (a.micros(index) < boundary) {
      index++;
    }
    long block = Math.max(1, (long) (BLOCK_SECONDS * a.sampleRate()));
    LevelMeter meter = LevelMeter.fromSample(a.sampleRate(), policy.intervalSeconds(), index - a.firstIndex(), block,
        block - Math.floorMod(a.firstIndex(), block));
    return new State(a.originMicros(), a.sampleRate(), a.firstIndex(), a.firstIndex(), meter.toBytes(), List.of(),
        List.of(), Long.MIN_VALUE, a.firstIndex(), List.of());
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }

  /** Finishes the waiting intervals whose windows are all scored (or beyond the waiting bound); prunes old spans. */
  private State release(State s, List<Interval> out) {
    List<IntervalLevels> waiting = new ArrayList<>(s.waiting());
    while (!waiting.isEmpty()) {
      IntervalLevels oldest = waiting.get(0);
      boolean allScored = s.scoredFromMicros() >= micros(s, oldest.endSample());
      if (!allScored && waiting.size() <= MAX_WAITING) {
        break;
      }
      out.add(finish(s, oldest));
      waiting.remove(0);
    }
    long keepFrom = waiting.isEmpty() ? Long.MIN_VALUE : micros(s, waiting.get(0).startSample());
    if (waiting.isEmpty() && !out.isEmpty()) {
      keepFrom = out.get(out.size() - 1).endMicros();
    }
    List<Span> spans = new ArrayList<>();
    for (Span sp : s.spans()) {
      if (sp.endMicros() > keepFrom) {
        spans.add(sp);
      }
    }
    return new State(s.originMicros(), s.sampleRate(), s.meterFirstIndex(), s.nextIndex(), s.meter(), waiting, spans,
        s.scoredFromMicros(), s.blocksFromIndex(), s.blocks());
  }

  private static long micros(State s, long meterSample) {
    return s.originMicros() + (s.meterFirstIndex() + meterSample) * 1_000_000L / s.sampleRate();
  }

  private static Interval finish(State s, IntervalLevels l) {
    double[] periods = l.periodMeanSquares();
    int rate = l.sampleRate();
    Map<String, double[]> byLabel = new LinkedHashMap<>();
    double total = 0;
    long periodStart = l.startSample();
    for (int m = 0; m < periods.length; m++) {
      long periodEnd = Math.min(l.endSample(), l.startSample() + (long) (m + 1) * rate / 10);
      long n = periodEnd - periodStart;
      double energy = periods[m] * n;
      total += energy;
      long mid = micros(s, periodStart + n / 2);
      Set<String> labels = new LinkedHashSet<>();
      for (Span sp : s.spans()) {
        if (sp.startMicros() <= mid && mid < sp.endMicros()) {
          labels.addAll(sp.labels());
        }
      }
      for (String label : labels) {
        double[] acc = byLabel.computeIfAbsent(label, k -> new double[2]);
        acc[0] += energy;
        acc[1] += n;
      }
      periodStart = periodEnd;
    }
    List<Share> shares = new ArrayList<>();
    for (Map.Entry<String, double[]> e : byLabel.entrySet()) {
      double energy = e.getValue()[0];
      double samples = e.getValue()[1];
      shares.add(new Share(e.getKey(), samples / rate, db(energy / samples), total > 0 ? energy / total : 0));
    }
    shares.sort(Comparator.comparingDouble(Share::energyFraction).reversed());
    return new Interval(micros(s, l.startSample()), micros(s, l.endSample()), l, List.copyOf(shares));
  }

  private static double db(double meanSquare) {
    return Math.max(LevelMeter.FLOOR_DB, 10 * Math.log10(meanSquare));
  }

  /** The state's bytes. */
  public static byte[] toBytes(State s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(s.originMicros());
      out.writeInt(s.sampleRate());
      out.writeLong(s.meterFirstIndex());
      out.writeLong(s.nextIndex());
      out.writeInt(s.meter().length);
      out.write(s.meter());
      out.writeInt(s.waiting().size());
      for (IntervalLevels l : s.waiting()) {
        IntervalCodec.write(out, l);
      }
      out.writeInt(s.spans().size());
      for (Span sp : s.spans()) {
        out.writeLong(sp.startMicros());
        out.writeLong(sp.endMicros());
        out.writeInt(sp.labels().size());
        for (String label : sp.labels()) {
          out.writeUTF(label);
        }
      }
      out.writeLong(s.scoredFromMicros());
      out.writeLong(s.blocksFromIndex());
      out.writeInt(s.blocks().size());
      for (SpanLevels b : s.blocks()) {
        byte[] block = b.toBytes();
        out.writeInt(block.length);
        out.write(block);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A state from {@link #toBytes}.
   *
   * @throws IllegalArgumentException for bytes this build cannot read (the sensor's levels then restart)
   */
  public static State fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw new IllegalArgumentException("level state of another format");
      }
      long origin = in.readLong();
      int rate = in.readInt();
      long first = in.readLong();
      long next = in.readLong();
      byte[] meter = in.readNBytes(bounded(in.readInt(), bytes.length));
      int w = bounded(in.readInt(), MAX_WAITING + 1);
      List<IntervalLevels> waiting = new ArrayList<>();
      for (int i = 0; i < w; i++) {
        waiting.add(IntervalCodec.read(in, bytes.length));
      }
      int n = bounded(in.readInt(), bytes.length);
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long start = in.readLong();
        long end = in.readLong();
        int labels = bounded(in.readInt(), bytes.length);
        List<String> l = new ArrayList<>();
        for (int j = 0; j < labels; j++) {
          l.add(in.readUTF());
        }
        spans.add(new Span(start, end, List.copyOf(l)));
      }
      long scoredFrom = in.readLong();
      long blocksFrom = in.readLong();
      int b = bounded(in.readInt(), MAX_BLOCKS);
      List<SpanLevels> blocks = new ArrayList<>();
      for (int i = 0; i < b; i++) {
        blocks.add(SpanLevels.fromBytes(in.readNBytes(bounded(in.readInt(), bytes.length))));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(in.available() + " bytes too many");
      }
      return new State(origin, rate, first, next, meter, waiting, spans, scoredFrom, blocksFrom, blocks);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable level state: " + e.getMessage(), e);
    }
  }

  static int bounded(int n, int max) {
    if (n < 0 || n > max) {
      throw new IllegalArgumentException("count " + n + " out of range");
    }
    return n;
  }
}
