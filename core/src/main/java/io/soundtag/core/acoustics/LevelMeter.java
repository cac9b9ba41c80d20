package io.soundtag.core.acoustics;

import io.soundtag.core.simd.Simd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A streaming sound level meter: samples in, the {@link IntervalLevels} of every whole interval out.
 *
 * <pre>{@code
 * LevelMeter meter = LevelMeter.fromStart(48000, 60.0);
 * for (float[] chunk : chunks) {
 *   for (IntervalLevels minute : meter.push(chunk)) { ... }
 * }
 * }</pre>
 *
 * <p>Per sample: the C filter, the A filter after it, the Fast and Slow exponential averages of
 * the squared A-weighted signal (their per-sample maxima and the Fast minimum), the largest
 * |C-weighted| sample, and every one-third-octave band filter of the rate; at the end of each
 * 100 ms the Fast level is sampled for the statistical levels. Every filter and average starts
 * from zero at the meter's first sample, as on a meter just switched on; LAFmin leaves out the
 * first 0.625 s (5 τ) after that, the Fast average's rise from zero, unless an interval has
 * nothing later; a meter made with
 * {@link #fromSample} runs its filters over the samples before its first interval without
 * reporting them, so they are settled when it starts. Every sum runs sample by sample in one
 * order, so any split of the same samples into chunks gives bit-identical results. Levels come
 * out uncalibrated (dBFS); {@link IntervalLevels#calibrated} adds a calibration. A meter may also
 * cut the stream into fixed blocks ({@link SpanLevels}, see {@link #takeBlocks}) that add up to the
 * levels of any span made of them: the same numbers as an interval over that span, but for the
 * rounding of the band sums.
 *
 * <p>The bands of each stage of the bank, and the stage's anti-alias poles, run side by side in
 * SIMD lanes ({@link SectionLanes}) when the JVM has {@code jdk.incubator.vector} ({@link
 * Simd#available}); the scalar loops otherwise, with the same bits.
 *
 * <p>Not thread-safe; {@link #toBytes} and {@link #fromBytes} carry it between chunks in a store.
 */
public final class LevelMeter {

  /** |sample| at or above this fraction of full scale flags the interval as overloaded (clipped). */
  public static final double OVERLOAD_FULL_SCALE = 0.999;
  /** The lowest level reported, for a mean square of 1e-12 or less. */
  public static final double FLOOR_DB = -120.0;

  /** LAFmin leaves out the Fast average's first 5 τ after the meter starts, its rise from zero (to within 0.03 dB). */
  static final double SETTLE_TAUS = 5;

  private static final int FORMAT = 6;

  /** Whether meters run their band bank in SIMD lanes ({@link SectionLanes}). */
  private static final boolean LANES = Simd.available();

  // The anti-alias low-pass: its three sections' poles run like a band's, its numerator g³·(1 + z⁻¹)⁶ only at the
  // samples kept, from the last six pole outputs before each.
  private static final int ANTI_ALIAS_HISTORY = 6;
  private static final int ANTI_ALIAS_STATE = 6 + ANTI_ALIAS_HISTORY;

  private final int sampleRate;
  private final long intervalSamples;
  private final double[] cCoefficients;
  private final double[] aCoefficients;
  // Per band: {a1, a2} of each all-pole section, its state offset, stage, and the square of its sections' gains.
  private final double[][] bandCoefficients;
  private final int[] bandStateOffsets;
  private final int[] bandStages;
  private final double[] bandGainSquared;
  // Per stage: the highest band order (how often its signal is put through 1 − z⁻²) and where that state starts.
  private final int[] stageOrders;
  private final int[] differenceStateOffsets;
  // Per decimation: {a1, a2} of each section of the anti-alias low-pass, and its gain g³.
  private final double[][] antiAliasPoles;
  private final double[] antiAliasGains;
  // Per stage, with lanes: its groups of bands (and anti-alias low-pass) run side by side; null entries run scalar.
  private final LaneGroup[][] laneGroups;
  private final List<ThirdOctaveBands.Band> bands;
  private final double kFast;
  private final double kSlow;
  private final long settleSamples;

  // Position.
  private long seen;
  private long currentStart;
  private long currentEnd;
  private boolean reporting;
  private int period;
  private long periodEnd;
  // Filter and averager states.
  private final double[] cState = new double[4];
  private final double[] aState = new double[2];
  private final double[] bandState;
  private final double[] differenceState;
  private final double[] antiAliasState;
  // Samples seen at each stage of the band bank since the meter started (their parity picks what is kept).
  private final long[] stageSeen;
  private double fast;
  private double slow;
  // Accumulators of the current interval.
  private double sumZ;
  private double sumC;
  private double sumA;
  private double peakC;
  private double maxFast;
  private double maxSlow;
  private double minFast;
  private double minFastSettling;
  private boolean overload;
  private final double[] bandSums;
  private final long[] stageCounts;
  private double periodSumA;
  private long periodStart;
  // Per 100 ms of the current interval, kept as floats (7 digits: 10⁻⁶ dB) to keep the stored state small.
  private float[] lafSamples = new float[16];
  private float[] periodMeanSquares = new float[16];
  private int periods;
  // Blocks: stretches ending every blockSamples (0: none), measured alongside the intervals.
  private long blockSamples;
  private long blockEnd;
  private long blockStart;
  private double blockSumA;
  private double blockMaxFast;
  private double blockPeakC;
  private final double[] blockBandSums;
  private final long[] blockStageCounts;
  private final List<SpanLevels> finishedBlocks = new ArrayList<>();
  private final double[] bandSumsBefore;
  private final long[] stageCountsBefore;
  // The tagger makes a meter from its stored bytes for every chunk, so the scratch buffers are the thread's, not the meter's.
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
  private static final Map<Integer, LaneGroup[][]> LANE_GROUPS = new java.util.concurrent.ConcurrentHashMap<>();
  // Samples of a stage run through a lane group at a time, so the anti-alias outputs stay in the first-level cache.
  private static final int LANE_BLOCK = 256;
  private Scratch scratch;

  /**
   * One SIMD group of a stage: the kernel and what each lane runs, a band's index, {@link #ANTI_ALIAS_LANE}
   * or {@link #EMPTY_LANE}.
   */
  private record LaneGroup(SectionLanes kernel, int[] sources, int antiAliasLane) {}

  private static final int ANTI_ALIAS_LANE = -1;
  private static final int EMPTY_LANE = -2;

  /** Buffers a meter needs only while it measures: each stage's samples, their differences, the lanes' outputs. */
  private static final class Scratch {
    double[][] stages = new double[0][];
    double[] differenced = new double[0];
    double[] differenced4 = new double[0];
    // The anti-alias poles' outputs of the run, after the six before it.
    double[] poles = new double[0];
    // A lane group's state, sums and per-sample outputs while it runs.
    double[] laneState = new double[0];
    double[] laneSums = new double[0];
    double[] laneOutputs = new double[0];

    double[] stage(int stage, int length) {
      if (stages.length <= stage) {
        double[][] more = java.util.Arrays.copyOf(stages, stage + 1);
        for (int s = stages.length; s <= stage; s++) {
          more[s] = new double[0];
        }
        stages = more;
      }
      if (stages[stage].length < length) {
        stages[stage] = new double[Math.max(length, 2 * stages[stage].length)];
      }
      return stages[stage];
    }

    static double[] atLeast(double[] a, int length) {
      return a.length >= length ? a : new double[Math.max(length, 2 * a.length)];
    }
  }

  private LevelMeter(int sampleRate, long intervalSamples, long firstIntervalStart, boolean lanes) {
    if (intervalSamples < sampleRate / 10) {
      throw new IllegalArgumentException("the interval must be at least 100 ms, got " + intervalSamples + " samples at "
          + sampleRate + " Hz");
    }
    if (firstIntervalStart < 0) {
      throw new IllegalArgumentException("the first interval cannot start before the first sample");
    }
    this.sampleRate = sampleRate;
    this.intervalSamples = intervalSamples;
    this.cCoefficients = flatten(Weighting.cFilter(sampleRate));
    this.aCoefficients = flatten(Weighting.aTail(sampleRate));
    ThirdOctaveBands tob = ThirdOctaveBands.at(sampleRate);
    this.bands = tob.bands();
    this.bandCoefficients = new double[bands.size()][];
    this.bandStateOffsets = new int[bands.size()];
    int states = 0;
    this.bandGainSquared = new double[bands.size()];
    this.bandStages = new int[bands.size()];
    int stageCount = tob.decimations() + 1;
    this.stageOrders = new int[stageCount];
    for (int i = 0; i < bands.size(); i++) {
      // Each section is g·(1 − z⁻²) / (1 + a1·z⁻¹ + a2·z⁻²). The filters commute, so the band runs as the
      // stage's signal through (1 − z⁻²)^N, shared by every band of order N at the stage, then the N all-pole
      // sections; the gains multiply the band's sum of squares once, when it is read.
      Sections s = tob.filter(i);
      double[] c = new double[2 * s.size()];
      double gain = 1;
      for (int j = 0; j < s.size(); j++) {
        double[] q = s.section(j);
        gain *= q[0];
        c[2 * j] = q[3];
        c[2 * j + 1] = q[4];
      }
      bandCoefficients[i] = c;
      bandGainSquared[i] = gain * gain;
      bandStateOffsets[i] = states;
      states += 2 * s.size();
      bandStages[i] = tob.stage(i);
      stageOrders[bandStages[i]] = Math.max(stageOrders[bandStages[i]], s.size());
    }
    this.bandState = new double[states];
    this.bandSums = new double[bands.size()];
    this.differenceStateOffsets = new int[stageCount];
    int differences = 0;
    for (int st = 0; st < stageCount; st++) {
      differenceStateOffsets[st] = differences;
      differences += 2 * stageOrders[st];
    }
    this.differenceState = new double[differences];
    this.antiAliasPoles = new double[tob.decimations()][];
    this.antiAliasGains = new double[tob.decimations()];
    for (int s = 0; s < tob.decimations(); s++) {
      Sections aa = tob.antiAlias(s);
      if (aa.size() != 3) {
        throw new IllegalStateException("the meter runs an order-6 anti-alias low-pass, got " + 2 * aa.size());
      }
      antiAliasPoles[s] = new double[6];
      double gain = 1;
      for (int j = 0; j < 3; j++) {
        double[] q = aa.section(j);
        if (q[1] != 2 * q[0] || q[2] != q[0]) {
          throw new IllegalStateException("an anti-alias section's numerator is not g·(1 + z⁻¹)²");
        }
        gain *= q[0];
        antiAliasPoles[s][2 * j] = q[3];
        antiAliasPoles[s][2 * j + 1] = q[4];
      }
      antiAliasGains[s] = gain;
    }
    this.antiAliasState = new double[ANTI_ALIAS_STATE * tob.decimations()];
    this.laneGroups = lanes ? LANE_GROUPS.computeIfAbsent(sampleRate, r -> laneGroups(stageCount)) : null;
    this.stageSeen = new long[tob.decimations() + 1];
    this.stageCounts = new long[tob.decimations() + 1];
    this.blockBandSums = new double[bands.size()];
    this.blockStageCounts = new long[tob.decimations() + 1];
    this.bandSumsBefore = new double[bands.size()];
    this.stageCountsBefore = new long[tob.decimations() + 1];
    this.kFast = TimeWeighting.F.coefficient(sampleRate);
    this.kSlow = TimeWeighting.S.coefficient(sampleRate);
    this.settleSamples = (long) Math.ceil(SETTLE_TAUS * TimeWeighting.F.tauSeconds() * sampleRate);
    this.reporting = firstIntervalStart == 0;
    this.currentStart = 0;
    this.currentEnd = reporting ? intervalSamples : firstIntervalStart;
    startInterval(0);
  }

  /** A meter whose intervals of {@code intervalSeconds} start at its first sample. */
  public static LevelMeter fromStart(int sampleRate, double intervalSeconds) {
    return new LevelMeter(checkRate(sampleRate), intervalSamples(sampleRate, intervalSeconds), 0, LANES);
  }

  /**
   * A meter whose first reported interval starts at sample {@code firstIntervalStart} (the
   * samples before it only settle the filters), the next ones every {@code intervalSeconds}.
   */
  public static LevelMeter fromSample(int sampleRate, double intervalSeconds, long firstIntervalStart) {
    return new LevelMeter(checkRate(sampleRate), intervalSamples(sampleRate, intervalSeconds), firstIntervalStart,
        LANES);
  }

  /**
   * As {@link #fromSample(int, double, long)}, and also measuring blocks of {@code blockSamples},
   * the first ending at sample {@code firstBlockEnd} (1..blockSamples), each a {@link SpanLevels}
   * for {@link #takeBlocks}: what spans that are not intervals (a sound's, say) are made of.
   */
  public static LevelMeter fromSample(int sampleRate, double intervalSeconds, long firstIntervalStart, long blockSamples,
      long firstBlockEnd) {
    LevelMeter m = fromSample(sampleRate, intervalSeconds, firstIntervalStart);
    if (blockSamples < 1 || firstBlockEnd < 1 || firstBlockEnd > blockSamples) {
      throw new IllegalArgumentException("blocks must be at least 1 sample and the first must end within one block, got "
          + blockSamples + " and " + firstBlockEnd);
    }
    m.blockSamples = blockSamples;
    m.blockEnd = firstBlockEnd;
    return m;
  }

  /** As {@link #fromSample(int, double, long)}, every filter scalar as in a JVM without the Vector API. */
  static LevelMeter scalarFromSample(int sampleRate, double intervalSeconds, long firstIntervalStart) {
    return new LevelMeter(checkRate(sampleRate), intervalSamples(sampleRate, intervalSeconds), firstIntervalStart,
        false);
  }

  /** The blocks finished since the last call, oldest first (none without blocks). */
  public List<SpanLevels> takeBlocks() {
    List<SpanLevels> out = List.copyOf(finishedBlocks);
    finishedBlocks.clear();
    return out;
  }

  private void endBlock() {
    double[] blockBands = new double[blockBandSums.length];
    for (int b = 0; b < blockBands.length; b++) {
      blockBands[b] = bandGainSquared[b] * blockBandSums[b];
    }
    finishedBlocks.add(new SpanLevels(sampleRate, seen - blockStart, blockSumA, blockMaxFast, blockPeakC, blockBands,
        blockStageCounts));
    blockStart = seen;
    blockEnd = seen + blockSamples;
    blockSumA = 0;
    blockMaxFast = 0;
    blockPeakC = 0;
    java.util.Arrays.fill(blockBandSums, 0);
    java.util.Arrays.fill(blockStageCounts, 0);
  }

  private static int checkRate(int sampleRate) {
    if (sampleRate < 1000 || sampleRate > 768_000) {
      throw new IllegalArgumentException("sample rate must be 1000..768000 Hz, got " + sampleRate);
    }
    return sampleRate;
  }

  /** {@code seconds} at {@code sampleRate} as a whole number of samples; refuses a length that is not one. */
  public static long intervalSamples(int sampleRate, double seconds) {
    double exact = seconds * sampleRate;
    long n = Math.round(exact);
    if (!(seconds >= 0.1) || Math.abs(exact - n) > 1e-6 * Math.max(1, exact) || seconds > 86_400) {
      throw new IllegalArgumentException("the interval must be 0.1 s to 1 day and a whole number of samples at "
          + sampleRate + " Hz, got " + seconds + " s");
    }
    return n;
  }

  private static double[] flatten(Sections s) {
    double[] c = new double[5 * s.size()];
    for (int i = 0; i < s.size(); i++) {
      System.arraycopy(s.section(i), 0, c, 5 * i, 5);
    }
    return c;
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** Samples pushed so far. */
  public long samplesSeen() {
    return seen;
  }

  /** The bands this meter reports, lowest first. */
  public List<ThirdOctaveBands.Band> bands() {
    return bands;
  }

  /** Measures {@code samples} (±1 full scale) and returns the intervals they complete, oldest first. */
  public List<IntervalLevels> push(float[] samples) {
    return push(samples, 0, samples.length);
  }

  /** Measures {@code samples[from..to)}; returns the intervals they complete. */
  public List<IntervalLevels> push(float[] samples, int from, int to) {
    List<IntervalLevels> done = new ArrayList<>(1);
    int i = from;
    while (i < to) {
      long stop = Math.min(currentEnd, periodEnd);
      if (blockSamples > 0) {
        stop = Math.min(stop, blockEnd);
      }
      if (seen < settleSamples) {
        stop = Math.min(stop, settleSamples);
      }
      int run = (int) Math.min(to - i, stop - seen);
      measure(samples, i, i + run, seen >= settleSamples);
      i += run;
      seen += run;
      if (seen == periodEnd) {
        endPeriod();
      }
      if (blockSamples > 0 && seen == blockEnd) {
        endBlock();
      }
      if (seen == currentEnd) {
        if (reporting) {
          done.add(levels(currentEnd));
        }
        reporting = true;
        currentStart = currentEnd;
        currentEnd = currentStart + intervalSamples;
        startInterval(currentStart);
      }
    }
    return done;
  }

  private void startInterval(long start) {
    sumZ = 0;
    sumC = 0;
    sumA = 0;
    peakC = 0;
    maxFast = 0;
    maxSlow = 0;
    minFast = Double.POSITIVE_INFINITY;
    minFastSettling = Double.POSITIVE_INFINITY;
    overload = false;
    java.util.Arrays.fill(bandSums, 0);
    java.util.Arrays.fill(stageCounts, 0);
    periods = 0;
    period = 0;
    periodStart = start;
    periodEnd = Math.min(currentEnd, start + periodLength(0));
    periodSumA = 0;
  }

  /** The end of 100 ms period {@code m} of the interval, from its start: ⌊(m + 1)·fs / 10⌋. */
  private long periodLength(int m) {
    return (long) (m + 1) * sampleRate / 10;
  }

  private void endPeriod() {
    if (periods == lafSamples.length) {
      lafSamples = java.util.Arrays.copyOf(lafSamples, 2 * periods);
      periodMeanSquares = java.util.Arrays.copyOf(periodMeanSquares, 2 * periods);
    }
    lafSamples[periods] = (float) fast;
    periodMeanSquares[periods] = (float) (periodSumA / (seen - periodStart));
    periods++;
    period++;
    periodStart = seen;
    periodEnd = Math.min(currentEnd, currentStart + periodLength(period));
    periodSumA = 0;
  }

  private void measure(float[] x, int from, int to, boolean settled) {
    double[] cc = cCoefficients;
    double[] ac = aCoefficients;
    double c0 = cc[0], c1 = cc[1], c2 = cc[2], c3 = cc[3], c4 = cc[4];
    double d0 = cc[5], d1 = cc[6], d2 = cc[7], d3 = cc[8], d4 = cc[9];
    double e0 = ac[0], e1 = ac[1], e2 = ac[2], e3 = ac[3], e4 = ac[4];
    double s1 = cState[0], s2 = cState[1], t1 = cState[2], t2 = cState[3], u1 = aState[0], u2 = aState[1];
    double f = fast, s = slow, kf = kFast, ks = kSlow, rf = 1 - kFast, rs = 1 - kSlow;
    double zSum = sumZ, cSum = sumC, aSum = sumA, pSum = periodSumA;
    // The run's own maxima, for the interval and the block.
    double peak = 0, fMax = 0, sMax = maxSlow, fMin = settled ? minFast : minFastSettling, bSum = blockSumA;
    boolean over = overload;
    for (int n = from; n < to; n++) {
      double v = x[n];
      zSum += v * v;
      over |= Math.abs(v) >= OVERLOAD_FULL_SCALE;
      // C weighting, two sections (transposed direct form II).
      double y = c0 * v + s1;
      s1 = c1 * v - c3 * y + s2;
      s2 = c2 * v - c4 * y;
      double c = d0 * y + t1;
      t1 = d1 * y - d3 * c + t2;
      t2 = d2 * y - d4 * c;
      cSum += c * c;
      peak = Math.max(peak, Math.abs(c));
      // A weighting: the C signal through the A tail.
      double a = e0 * c + u1;
      u1 = e1 * c - e3 * a + u2;
      u2 = e2 * c - e4 * a;
      double a2 = a * a;
      aSum += a2;
      pSum += a2;
      bSum += a2;
      // y[n] = (1 − k)·y[n−1] + k·x[n]: one multiply and one add wait on the previous sample, not three operations.
      f = rf * f + kf * a2;
      s = rs * s + ks * a2;
      fMax = Math.max(fMax, f);
      fMin = Math.min(fMin, f);
      sMax = Math.max(sMax, s);
    }
    cState[0] = s1;
    cState[1] = s2;
    cState[2] = t1;
    cState[3] = t2;
    aState[0] = u1;
    aState[1] = u2;
    fast = f;
    slow = s;
    sumZ = zSum;
    sumC = cSum;
    sumA = aSum;
    periodSumA = pSum;
    blockSumA = bSum;
    peakC = Math.max(peakC, peak);
    maxFast = Math.max(maxFast, fMax);
    blockPeakC = Math.max(blockPeakC, peak);
    blockMaxFast = Math.max(blockMaxFast, fMax);
    maxSlow = sMax;
    if (settled) {
      minFast = fMin;
    } else {
      minFastSettling = fMin;
    }
    overload = over;
    if (blockSamples > 0) {
      System.arraycopy(bandSums, 0, bandSumsBefore, 0, bandSums.length);
      System.arraycopy(stageCounts, 0, stageCountsBefore, 0, stageCounts.length);
    }
    bank(x, from, to);
    if (blockSamples > 0) {
      // The interval's sums run on sample by sample (any chunking, the same bits); a block takes what the run added.
      for (int b = 0; b < bandSums.length; b++) {
        blockBandSums[b] += bandSums[b] - bandSumsBefore[b];
      }
      for (int st = 0; st < stageCounts.length; st++) {
        blockStageCounts[st] += stageCounts[st] - stageCountsBefore[st];
      }
    }
  }

  /**
   * The band bank over {@code x[from..to)}: the bands of stage 0 at the full rate, then for each
   * stage the anti-alias low-pass and every other sample into the next stage's buffer, and its bands.
   */
  private void bank(float[] x, int from, int to) {
    scratch = SCRATCH.get();
    int n = to - from;
    double[] in = buffer(0, n);
    for (int i = 0; i < n; i++) {
      in[i] = x[from + i];
    }
    for (int s = 0; s < stageSeen.length; s++) {
      in = scratch.stages[s];
      boolean last = s + 1 == stageSeen.length;
      double[] poles = last ? null : poleBuffer(s, n);
      if (laneGroups != null && laneGroups[s] != null) {
        lanes(s, in, n, poles);
      } else {
        bands(s, in, n);
        if (!last) {
          antiAliasPoles(s, in, n, poles);
        }
      }
      stageCounts[s] += n;
      int next = last ? 0 : antiAliasNumerator(s, poles, n, stageSeen[s], buffer(s + 1, n / 2 + 1));
      stageSeen[s] += n;
      n = next;
    }
  }

  private double[] buffer(int stage, int length) {
    return scratch.stage(stage, length);
  }

  /** The pole-output buffer for {@code n} samples of stage {@code s}, led by the six before them. */
  private double[] poleBuffer(int s, int n) {
    double[] poles = scratch.poles = Scratch.atLeast(scratch.poles, n + ANTI_ALIAS_HISTORY);
    System.arraycopy(antiAliasState, ANTI_ALIAS_STATE * s + 6, poles, 0, ANTI_ALIAS_HISTORY);
    return poles;
  }

  /**
   * The scalar bands of {@code stage} over {@code x[0..n)}: the signal through 1 − z⁻² once per order, up to
   * the stage's highest, and after the k-th time the all-pole sections of every band of order k
   * (order-3 bands two at a time: their recursions are independent, so the core runs both at once).
   */
  private void bands(int stage, double[] x, int n) {
    double[] u = differenced(n);
    System.arraycopy(x, 0, u, 0, n);
    for (int order = 1; order <= stageOrders[stage]; order++) {
      difference(u, n, differenceStateOffsets[stage] + 2 * (order - 1));
      int pending = -1;
      for (int b = 0; b < bandCoefficients.length; b++) {
        if (bandStages[b] != stage || bandCoefficients[b].length != 2 * order) {
          continue;
        }
        if (order == 4) {
          bandSums[b] = allPole4(bandCoefficients[b], bandStateOffsets[b], u, n, bandSums[b]);
        } else if (order != 3) {
          bandSums[b] = allPoleN(bandCoefficients[b], bandStateOffsets[b], u, n, bandSums[b]);
        } else if (pending < 0) {
          pending = b;
        } else {
          allPolePair(pending, b, u, n);
          pending = -1;
        }
      }
      if (pending >= 0) {
        bandSums[pending] = allPole3(bandCoefficients[pending], bandState, bandStateOffsets[pending], u, n,
            bandSums[pending], null);
      }
    }
  }

  private double[] differenced(int n) {
    return scratch.differenced = Scratch.atLeast(scratch.differenced, n);
  }

  /**
   * The groups of SIMD lanes of every stage: its bands (and, but for the last stage, its anti-alias
   * low-pass) {@link SectionLanes#width()} at a time; a stage with a band of more than
   * {@link SectionLanes#SECTIONS} sections stays scalar (null).
   */
  private LaneGroup[][] laneGroups(int stageCount) {
    int width = SectionLanes.width();
    LaneGroup[][] groups = new LaneGroup[stageCount][];
    for (int st = 0; st < stageCount; st++) {
      List<Integer> sources = new ArrayList<>();
      boolean fits = stageOrders[st] <= SectionLanes.SECTIONS;
      for (int b = 0; b < bandCoefficients.length; b++) {
        if (bandStages[b] == st) {
          sources.add(b);
        }
      }
      if (st + 1 < stageCount) {
        sources.add(ANTI_ALIAS_LANE);
      }
      if (!fits) {
        continue;
      }
      int count = (sources.size() + width - 1) / width;
      groups[st] = new LaneGroup[count];
      for (int g = 0; g < count; g++) {
        int[] lanes = new int[width];
        double[] coefficients = new double[2 * SectionLanes.SECTIONS * width];
        boolean[] d3 = new boolean[width];
        boolean[] d4 = new boolean[width];
        int antiAlias = -1;
        for (int l = 0; l < width; l++) {
          int k = g * width + l;
          lanes[l] = k < sources.size() ? sources.get(k) : EMPTY_LANE;
          double[] poles = lanes[l] >= 0 ? bandCoefficients[lanes[l]]
              : lanes[l] == ANTI_ALIAS_LANE ? antiAliasPoles[st] : new double[0];
          if (lanes[l] == ANTI_ALIAS_LANE) {
            antiAlias = l;
          } else if (lanes[l] >= 0) {
            d3[l] = poles.length == 6;
            d4[l] = poles.length == 8;
          }
          for (int j = 0; j < poles.length; j++) {
            coefficients[j * width + l] = poles[j];
          }
        }
        groups[st][g] = new LaneGroup(new SectionLanes(coefficients, d3, d4), lanes, antiAlias);
      }
    }
    return groups;
  }

  /**
   * Stage {@code s} over {@code x[0..n)} in SIMD lanes: the signal through (1 − z⁻²)³ and (1 − z⁻²)⁴ (as
   * {@link #bands} does it), then each group; the anti-alias lane's outputs go to {@code poles}.
   */
  private void lanes(int s, double[] x, int n, double[] poles) {
    double[] d3 = differenced(n);
    System.arraycopy(x, 0, d3, 0, n);
    int orders = stageOrders[s];
    for (int order = 1; order <= Math.min(3, orders); order++) {
      difference(d3, n, differenceStateOffsets[s] + 2 * (order - 1));
    }
    double[] d4 = scratch.differenced4 = Scratch.atLeast(scratch.differenced4, n);
    if (orders == 4) {
      System.arraycopy(d3, 0, d4, 0, n);
      difference(d4, n, differenceStateOffsets[s] + 6);
    }
    int width = SectionLanes.width();
    double[] laneState = scratch.laneState = Scratch.atLeast(scratch.laneState, 2 * SectionLanes.SECTIONS * width);
    double[] laneSums = scratch.laneSums = Scratch.atLeast(scratch.laneSums, width);
    for (LaneGroup g : laneGroups[s]) {
      java.util.Arrays.fill(laneState, 0);
      java.util.Arrays.fill(laneSums, 0);
      for (int l = 0; l < width; l++) {
        int src = g.sources()[l];
        if (src >= 0) {
          laneSums[l] = bandSums[src];
        }
        int o = stateOffset(s, src);
        for (int j = 0; j < sectionCount(s, src); j++) {
          laneState[2 * j * width + l] = stateArray(src)[o + 2 * j];
          laneState[(2 * j + 1) * width + l] = stateArray(src)[o + 2 * j + 1];
        }
      }
      if (g.antiAliasLane() < 0) {
        g.kernel().run(x, d3, d4, 0, n, laneState, laneSums, null);
      } else {
        double[] out = scratch.laneOutputs = Scratch.atLeast(scratch.laneOutputs, width * LANE_BLOCK);
        for (int from = 0; from < n; from += LANE_BLOCK) {
          int to = Math.min(n, from + LANE_BLOCK);
          g.kernel().run(x, d3, d4, from, to, laneState, laneSums, out);
          for (int i = from, k = g.antiAliasLane(); i < to; i++, k += width) {
            poles[ANTI_ALIAS_HISTORY + i] = out[k];
          }
        }
      }
      for (int l = 0; l < width; l++) {
        int src = g.sources()[l];
        if (src >= 0) {
          bandSums[src] = laneSums[l];
        }
        int o = stateOffset(s, src);
        for (int j = 0; j < sectionCount(s, src); j++) {
          stateArray(src)[o + 2 * j] = laneState[2 * j * width + l];
          stateArray(src)[o + 2 * j + 1] = laneState[(2 * j + 1) * width + l];
        }
      }
    }
  }

  private double[] stateArray(int source) {
    return source == ANTI_ALIAS_LANE ? antiAliasState : bandState;
  }

  private int stateOffset(int stage, int source) {
    return source >= 0 ? bandStateOffsets[source] : ANTI_ALIAS_STATE * stage;
  }

  private int sectionCount(int stage, int source) {
    return source >= 0 ? bandCoefficients[source].length / 2 : source == ANTI_ALIAS_LANE ? 3 : 0;
  }

  /** {@code u[0..n)} through 1 − z⁻², in place; the two samples before it are kept at {@code o}. */
  private void difference(double[] u, int n, int o) {
    double[] st = differenceState;
    double p1 = st[o];
    double p2 = st[o + 1];
    for (int i = 0; i < n; i++) {
      double v = u[i];
      u[i] = v - p2;
      p2 = p1;
      p1 = v;
    }
    st[o] = p1;
    st[o + 1] = p2;
  }

  /** The anti-alias low-pass's three all-pole sections over {@code x[0..n)}, scalar, into {@code poles} after its history. */
  private void antiAliasPoles(int s, double[] x, int n, double[] poles) {
    allPole3(antiAliasPoles[s], antiAliasState, ANTI_ALIAS_STATE * s, x, n, 0, poles);
  }

  /**
   * The anti-alias numerator g³·(1 + z⁻¹)⁶ over the pole outputs, at the even stage indices only
   * ({@code seen} is the index of the run's first sample), into {@code out}; keeps the last six
   * pole outputs for the next run and returns how many samples it wrote.
   */
  private int antiAliasNumerator(int s, double[] poles, int n, long seen, double[] out) {
    double g = antiAliasGains[s];
    int kept = 0;
    for (int i = (int) (seen & 1); i < n; i += 2) {
      int k = i + ANTI_ALIAS_HISTORY;
      double y = (poles[k] + poles[k - 6]) + 6 * (poles[k - 1] + poles[k - 5]) + 15 * (poles[k - 2] + poles[k - 4])
          + 20 * poles[k - 3];
      out[kept++] = g * y;
    }
    System.arraycopy(poles, n, antiAliasState, ANTI_ALIAS_STATE * s + 6, ANTI_ALIAS_HISTORY);
    return kept;
  }

  // The all-pole sections below compute w = (in − a2·w[n−2]) − a1·w[n−1]: the a2 product does not wait for the
  // previous sample, so each section's recursion is one multiply and one subtraction long. Each returns the sum
  // of squares of its last section's output, sample by sample, so any split into runs gives the same bits.

  /** Four all-pole sections in one loop: the bands near Nyquist that need order 4. */
  private double allPole4(double[] q, int o, double[] x, int n, double sum) {
    double p1 = q[0], p2 = q[1], q1 = q[2], q2 = q[3], r1 = q[4], r2 = q[5], h1 = q[6], h2 = q[7];
    double[] st = bandState;
    double w1 = st[o], w2 = st[o + 1], v1 = st[o + 2], v2 = st[o + 3], z1 = st[o + 4], z2 = st[o + 5];
    double k1 = st[o + 6], k2 = st[o + 7];
    for (int i = 0; i < n; i++) {
      double w = (x[i] - p2 * w2) - p1 * w1;
      w2 = w1;
      w1 = w;
      double v = (w - q2 * v2) - q1 * v1;
      v2 = v1;
      v1 = v;
      double z = (v - r2 * z2) - r1 * z1;
      z2 = z1;
      z1 = z;
      double k = (z - h2 * k2) - h1 * k1;
      k2 = k1;
      k1 = k;
      sum += k * k;
    }
    st[o] = w1;
    st[o + 1] = w2;
    st[o + 2] = v1;
    st[o + 3] = v2;
    st[o + 4] = z1;
    st[o + 5] = z2;
    st[o + 6] = k1;
    st[o + 7] = k2;
    return sum;
  }

  /** Two order-3 bands in one loop; each band's arithmetic is exactly that of {@link #allPole3}. */
  private void allPolePair(int a, int b, double[] x, int n) {
    double[] q = bandCoefficients[a];
    double[] r = bandCoefficients[b];
    double p1 = q[0], p2 = q[1], q1 = q[2], q2 = q[3], r1 = q[4], r2 = q[5];
    double s1 = r[0], s2 = r[1], t1 = r[2], t2 = r[3], u1 = r[4], u2 = r[5];
    double[] st = bandState;
    int o = bandStateOffsets[a];
    int k = bandStateOffsets[b];
    double w1 = st[o], w2 = st[o + 1], v1 = st[o + 2], v2 = st[o + 3], z1 = st[o + 4], z2 = st[o + 5];
    double c1 = st[k], c2 = st[k + 1], d1 = st[k + 2], d2 = st[k + 3], e1 = st[k + 4], e2 = st[k + 5];
    double sumA = bandSums[a];
    double sumB = bandSums[b];
    for (int i = 0; i < n; i++) {
      double in = x[i];
      double w = (in - p2 * w2) - p1 * w1;
      double c = (in - s2 * c2) - s1 * c1;
      w2 = w1;
      w1 = w;
      c2 = c1;
      c1 = c;
      double v = (w - q2 * v2) - q1 * v1;
      double d = (c - t2 * d2) - t1 * d1;
      v2 = v1;
      v1 = v;
      d2 = d1;
      d1 = d;
      double z = (v - r2 * z2) - r1 * z1;
      double e = (d - u2 * e2) - u1 * e1;
      z2 = z1;
      z1 = z;
      e2 = e1;
      e1 = e;
      sumA += z * z;
      sumB += e * e;
    }
    st[o] = w1;
    st[o + 1] = w2;
    st[o + 2] = v1;
    st[o + 3] = v2;
    st[o + 4] = z1;
    st[o + 5] = z2;
    st[k] = c1;
    st[k + 1] = c2;
    st[k + 2] = d1;
    st[k + 3] = d2;
    st[k + 4] = e1;
    st[k + 5] = e2;
    bandSums[a] = sumA;
    bandSums[b] = sumB;
  }

  /**
   * Three all-pole sections in one loop, so their recursions overlap: the common band, and the
   * anti-alias poles, whose outputs go to {@code out} after its six-sample history (null: none kept).
   */
  private static double allPole3(double[] q, double[] st, int o, double[] x, int n, double sum, double[] out) {
    double p1 = q[0], p2 = q[1], q1 = q[2], q2 = q[3], r1 = q[4], r2 = q[5];
    double w1 = st[o], w2 = st[o + 1], v1 = st[o + 2], v2 = st[o + 3], z1 = st[o + 4], z2 = st[o + 5];
    for (int i = 0; i < n; i++) {
      double w = (x[i] - p2 * w2) - p1 * w1;
      w2 = w1;
      w1 = w;
      double v = (w - q2 * v2) - q1 * v1;
      v2 = v1;
      v1 = v;
      double z = (v - r2 * z2) - r1 * z1;
      z2 = z1;
      z1 = z;
      sum += z * z;
      if (out != null) {
        out[ANTI_ALIAS_HISTORY + i] = z;
      }
    }
    st[o] = w1;
    st[o + 1] = w2;
    st[o + 2] = v1;
    st[o + 3] = v2;
    st[o + 4] = z1;
    st[o + 5] = z2;
    return sum;
  }

  /** Any number of all-pole sections: the few bands near Nyquist that need a higher order. */
  private double allPoleN(double[] q, int o, double[] x, int n, double sum) {
    double[] st = bandState;
    int sections = q.length / 2;
    for (int i = 0; i < n; i++) {
      double y = x[i];
      for (int j = 0; j < sections; j++) {
        int s = o + 2 * j;
        double w = (y - q[2 * j + 1] * st[s + 1]) - q[2 * j] * st[s];
        st[s + 1] = st[s];
        st[s] = w;
        y = w;
      }
      sum += y * y;
    }
    return sum;
  }

  private IntervalLevels levels(long end) {
    long n = end - currentStart;
    double seconds = n / (double) sampleRate;
    double laeq = db(sumA / n);
    double[] laf = new double[periods];
    for (int i = 0; i < laf.length; i++) {
      laf[i] = db(lafSamples[i]);
    }
    Map<String, Double> spectrum = new LinkedHashMap<>();
    for (int b = 0; b < bands.size(); b++) {
      long count = stageCounts[bandStages[b]];
      spectrum.put(bands.get(b).nominal(), count == 0 ? FLOOR_DB : db(bandGainSquared[b] * bandSums[b] / count));
    }
    double[] means = new double[periods];
    for (int i = 0; i < periods; i++) {
      means[i] = periodMeanSquares[i];
    }
    return new IntervalLevels(currentStart, end, sampleRate, null, laeq, db(sumC / n), db(sumZ / n),
        laeq + 10 * Math.log10(seconds), db(maxFast), db(maxSlow),
        db(minFast < Double.POSITIVE_INFINITY ? minFast : minFastSettling), db(peakC * peakC),
        IntervalLevels.percentile(laf, 90), IntervalLevels.percentile(laf, 50), IntervalLevels.percentile(laf, 10),
        spectrum, overload, laf, means);
  }

  private static double db(double meanSquare) {
    return Math.max(FLOOR_DB, 10 * Math.log10(meanSquare));
  }

  /** The meter's whole state, to carry it to the next chunk. */
  public byte[] toBytes() {
    int size = 4 + 4 + 8 * 6 + 1 + 4 + 8 * (4 + 2 + 2) + 8 * bandState.length + 8 * differenceState.length
        + 8 * antiAliasState.length
        + 16 * stageSeen.length + 8 * 9 + 1 + 8 * bandSums.length + 8 + 4 + 8 * periods;
    ByteBuffer out = ByteBuffer.allocate(size + 1).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) FORMAT);
    out.putInt(sampleRate);
    out.putInt(bands.size());
    out.putLong(intervalSamples);
    out.putLong(seen);
    out.putLong(currentStart);
    out.putLong(currentEnd);
    out.putLong(periodEnd);
    out.putLong(periodStart);
    out.put((byte) (reporting ? 1 : 0));
    out.putInt(period);
    for (double v : cState) {
      out.putDouble(v);
    }
    for (double v : aState) {
      out.putDouble(v);
    }
    out.putDouble(fast);
    out.putDouble(slow);
    for (double v : bandState) {
      out.putDouble(v);
    }
    for (double v : differenceState) {
      out.putDouble(v);
    }
    for (double v : antiAliasState) {
      out.putDouble(v);
    }
    for (int i = 0; i < stageSeen.length; i++) {
      out.putLong(stageSeen[i]);
      out.putLong(stageCounts[i]);
    }
    out.putDouble(sumZ);
    out.putDouble(sumC);
    out.putDouble(sumA);
    out.putDouble(peakC);
    out.putDouble(maxFast);
    out.putDouble(maxSlow);
    out.putDouble(minFast);
    out.putDouble(minFastSettling);
    out.putDouble(periodSumA);
    out.put((byte) (overload ? 1 : 0));
    for (double v : bandSums) {
      out.putDouble(v);
    }
    out.putInt(periods);
    for (int i = 0; i < periods; i++) {
      out.putFloat(lafSamples[i]);
      out.putFloat(periodMeanSquares[i]);
    }
    byte[] head = java.util.Arrays.copyOf(out.array(), out.position());
    // The blocks: their position and sums, and those finished but not taken.
    ByteBuffer blocks = ByteBuffer.allocate(8 * 6 + 8 * blockBandSums.length + 8 * blockStageCounts.length + 4
        + finishedBlocks.size() * (4 + new SpanLevels(sampleRate, 0, 0, 0, 0, blockBandSums, blockStageCounts).toBytes().length))
        .order(ByteOrder.LITTLE_ENDIAN);
    blocks.putLong(blockSamples).putLong(blockEnd).putLong(blockStart);
    blocks.putDouble(blockSumA).putDouble(blockMaxFast).putDouble(blockPeakC);
    for (double v : blockBandSums) {
      blocks.putDouble(v);
    }
    for (long v : blockStageCounts) {
      blocks.putLong(v);
    }
    blocks.putInt(finishedBlocks.size());
    for (SpanLevels b : finishedBlocks) {
      byte[] bytes = b.toBytes();
      blocks.putInt(bytes.length).put(bytes);
    }
    byte[] all = java.util.Arrays.copyOf(head, head.length + blocks.position());
    System.arraycopy(blocks.array(), 0, all, head.length, blocks.position());
    return all;
  }

  /**
   * A meter from {@link #toBytes}.
   *
   * @throws IllegalArgumentException for bytes of another format or that do not fit together
   */
  public static LevelMeter fromBytes(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      if (in.get() != FORMAT) {
        throw new IllegalArgumentException("level meter state of another format");
      }
      int rate = checkRate(in.getInt());
      int bandCount = in.getInt();
      long interval = in.getLong();
      LevelMeter m = new LevelMeter(rate, interval, 0, LANES);
      if (bandCount != m.bands.size()) {
        throw new IllegalArgumentException("level meter state has " + bandCount + " bands, this build " + m.bands.size());
      }
      m.seen = in.getLong();
      m.currentStart = in.getLong();
      m.currentEnd = in.getLong();
      m.periodEnd = in.getLong();
      m.periodStart = in.getLong();
      m.reporting = in.get() != 0;
      m.period = in.getInt();
      for (int i = 0; i < m.cState.length; i++) {
        m.cState[i] = in.getDouble();
      }
      for (int i = 0; i < m.aState.length; i++) {
        m.aState[i] = in.getDouble();
      }
      m.fast = in.getDouble();
      m.slow = in.getDouble();
      for (int i = 0; i < m.bandState.length; i++) {
        m.bandState[i] = in.getDouble();
      }
      for (int i = 0; i < m.differenceState.length; i++) {
        m.differenceState[i] = in.getDouble();
      }
      for (int i = 0; i < m.antiAliasState.length; i++) {
        m.antiAliasState[i] = in.getDouble();
      }
      for (int i = 0; i < m.stageSeen.length; i++) {
        m.stageSeen[i] = in.getLong();
        m.stageCounts[i] = in.getLong();
      }
      m.sumZ = in.getDouble();
      m.sumC = in.getDouble();
      m.sumA = in.getDouble();
      m.peakC = in.getDouble();
      m.maxFast = in.getDouble();
      m.maxSlow = in.getDouble();
      m.minFast = in.getDouble();
      m.minFastSettling = in.getDouble();
      m.periodSumA = in.getDouble();
      m.overload = in.get() != 0;
      for (int i = 0; i < m.bandSums.length; i++) {
        m.bandSums[i] = in.getDouble();
      }
      int periods = in.getInt();
      if (periods < 0 || periods > in.remaining() / 8) {
        throw new IllegalArgumentException("level meter state is truncated");
      }
      m.lafSamples = new float[Math.max(16, periods)];
      m.periodMeanSquares = new float[Math.max(16, periods)];
      for (int i = 0; i < periods; i++) {
        m.lafSamples[i] = in.getFloat();
        m.periodMeanSquares[i] = in.getFloat();
      }
      m.periods = periods;
      m.blockSamples = in.getLong();
      m.blockEnd = in.getLong();
      m.blockStart = in.getLong();
      m.blockSumA = in.getDouble();
      m.blockMaxFast = in.getDouble();
      m.blockPeakC = in.getDouble();
      for (int i = 0; i < m.blockBandSums.length; i++) {
        m.blockBandSums[i] = in.getDouble();
      }
      for (int i = 0; i < m.blockStageCounts.length; i++) {
        m.blockStageCounts[i] = in.getLong();
      }
      int finished = in.getInt();
      if (finished < 0 || finished > in.remaining() / 4) {
        throw new IllegalArgumentException("level meter state is truncated");
      }
      for (int i = 0; i < finished; i++) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new IllegalArgumentException("level meter state is truncated");
        }
        byte[] block = new byte[length];
        in.get(block);
        m.finishedBlocks.add(SpanLevels.fromBytes(block));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("level meter state has " + in.remaining() + " bytes too many");
      }
      return m;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("level meter state is truncated", e);
    }
  }
}
