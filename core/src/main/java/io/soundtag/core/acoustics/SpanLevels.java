package io.soundtag.core.acoustics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link LevelMeter} measured over a stretch of samples, kept so that stretches add up:
 * energies, maxima and sample counts, uncalibrated (full scale 1). The levels of a span of several
 * stretches are those of {@link #then} over them, as if it had been one interval of the meter.
 *
 * @param sampleRate the meter's rate
 * @param samples samples in the span
 * @param sumA sum of the squared A-weighted samples
 * @param maxFast largest per-sample A-weighted Fast mean square
 * @param peakC largest |C-weighted sample|
 * @param bandSums per band of {@link ThirdOctaveBands#at}{@code (sampleRate)}, the sum of its squared output samples
 * @param stageCounts per stage of the band bank, its samples in the span
 */
public record SpanLevels(int sampleRate, long samples, double sumA, double maxFast, double peakC, double[] bandSums,
    long[] stageCounts) {

  public SpanLevels {
    ThirdOctaveBands tob = ThirdOctaveBands.at(sampleRate);
    if (bandSums.length != tob.bands().size() || stageCounts.length != tob.decimations() + 1) {
      throw new IllegalArgumentException("span levels at " + sampleRate + " Hz need " + tob.bands().size() + " bands and "
          + (tob.decimations() + 1) + " stages, got " + bandSums.length + " and " + stageCounts.length);
    }
    bandSums = bandSums.clone();
    stageCounts = stageCounts.clone();
  }

  /** Nothing measured yet at {@code sampleRate}. */
  public static SpanLevels empty(int sampleRate) {
    ThirdOctaveBands tob = ThirdOctaveBands.at(sampleRate);
    return new SpanLevels(sampleRate, 0, 0, 0, 0, new double[tob.bands().size()], new long[tob.decimations() + 1]);
  }

  @Override
  public double[] bandSums() {
    return bandSums.clone();
  }

  @Override
  public long[] stageCounts() {
    return stageCounts.clone();
  }

  /** This span followed by {@code next} (same rate). */
  public SpanLevels then(SpanLevels next) {
    if (next.sampleRate != sampleRate) {
      throw new IllegalArgumentException("cannot join spans at " + sampleRate + " and " + next.sampleRate + " Hz");
    }
    double[] bands = bandSums.clone();
    for (int i = 0; i < bands.length; i++) {
      bands[i] += next.bandSums[i];
    }
    long[] counts = stageCounts.clone();
    for (int i = 0; i < counts.length; i++) {
      counts[i] += next.stageCounts[i];
    }
    return new SpanLevels(sampleRate, samples + next.samples, sumA + next.sumA, Math.max(maxFast, next.maxFast),
        Math.max(peakC, next.peakC), bands, counts);
  }

  /** The span's duration in seconds. */
  public double seconds() {
    return samples / (double) sampleRate;
  }

  /** LAeq over the span, dBFS. */
  public double laeq() {
    return samples == 0 ? LevelMeter.FLOOR_DB : db(sumA / samples);
  }

  /** LAE, the sound exposure level: LAeq + 10·log10(T / 1 s), dBFS. */
  public double lae() {
    return samples == 0 ? LevelMeter.FLOOR_DB : laeq() + 10 * Math.log10(seconds());
  }

  /** LAFmax over the span, dBFS. */
  public double lafmax() {
    return db(maxFast);
  }

  /** LCpeak over the span, dBFS. */
  public double lcpeak() {
    return db(peakC * peakC);
  }

  /** Band levels by nominal mid-band frequency, lowest first, dBFS. */
  public Map<String, Double> thirdOctave() {
    ThirdOctaveBands tob = ThirdOctaveBands.at(sampleRate);
    List<ThirdOctaveBands.Band> bands = tob.bands();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int b = 0; b < bands.size(); b++) {
      long count = stageCounts[tob.stage(b)];
      out.put(bands.get(b).nominal(), count == 0 ? LevelMeter.FLOOR_DB : db(bandSums[b] / count));
    }
    return out;
  }

  private static double db(double meanSquare) {
    return Math.max(LevelMeter.FLOOR_DB, 10 * Math.log10(meanSquare));
  }

  /** The span's bytes. */
  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(4 + 8 * 4 + 4 + 8 * bandSums.length + 4 + 8 * stageCounts.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(sampleRate).putLong(samples).putDouble(sumA).putDouble(maxFast).putDouble(peakC);
    out.putInt(bandSums.length);
    for (double v : bandSums) {
      out.putDouble(v);
    }
    out.putInt(stageCounts.length);
    for (long v : stageCounts) {
      out.putLong(v);
    }
    return out.array();
  }

  /**
   * A span from {@link #toBytes}.
   *
   * @throws IllegalArgumentException for bytes that are not one
   */
  public static SpanLevels fromBytes(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int rate = in.getInt();
      if (rate < 1000 || rate > 768_000) {
        throw new IllegalArgumentException("span levels at an impossible rate " + rate);
      }
      long samples = in.getLong();
      double sumA = in.getDouble();
      double maxFast = in.getDouble();
      double peakC = in.getDouble();
      double[] bands = new double[bounded(in.getInt(), in.remaining() / 8)];
      for (int i = 0; i < bands.length; i++) {
        bands[i] = in.getDouble();
      }
      long[] counts = new long[bounded(in.getInt(), in.remaining() / 8)];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = in.getLong();
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("span levels have " + in.remaining() + " bytes too many");
      }
      return new SpanLevels(rate, samples, sumA, maxFast, peakC, bands, counts);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("span levels are truncated", e);
    }
  }

  private static int bounded(int n, int max) {
    if (n < 0 || n > max) {
      throw new IllegalArgumentException("span levels are truncated");
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanLevels s && s.sampleRate == sampleRate && s.samples == samples
        && Double.compare(s.sumA, sumA) == 0 && Double.compare(s.maxFast, maxFast) == 0
        && Double.compare(s.peakC, peakC) == 0 && Arrays.equals(s.bandSums, bandSums)
        && Arrays.equals(s.stageCounts, stageCounts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bandSums) * 31 + Long.hashCode(samples);
  }
}
