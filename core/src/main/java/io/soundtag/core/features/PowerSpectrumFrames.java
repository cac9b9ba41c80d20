package io.soundtag.core.features;

/**
 * Representations that are the power STFT, optionally summed into bands (mel, gammatone), in dB:
 * they differ only in their band weights, so they share the frame computation.
 */
abstract class PowerSpectrumFrames extends FrameByFrame<PowerSpectrum.Workspace> {

  private final PowerSpectrum spectrum;
  private final SparseBands bands;

  /** @param bands band weights over the STFT bins, or null for the bins themselves */
  PowerSpectrumFrames(PowerSpectrum spectrum, SparseBands bands) {
    this.spectrum = spectrum;
    this.bands = bands;
  }

  @Override
  public final int hopLength() {
    return spectrum.hop();
  }

  @Override
  public final int bins() {
    return bands == null ? spectrum.bins() : bands.bands();
  }

  @Override
  public final int reachBefore() {
    return spectrum.reachBefore();
  }

  @Override
  public final int reachAfter() {
    return spectrum.reachAfter();
  }

  @Override
  final PowerSpectrum.Workspace newWorkspace() {
    return spectrum.newWorkspace(bands == null ? 0 : bands.bands());
  }

  /** Four frames at a time in SIMD lanes where they lie inside the buffer, the others one by one. */
  @Override
  final void frames(float[] buffer, long bufferStart, long n, int count, double[][] out, PowerSpectrum.Workspace ws) {
    int lanes = SpectrumLanes.LANES;
    int i = 0;
    while (i < count) {
      if (i + lanes <= count && spectrum.computeFour(buffer, bufferStart, n + i, ws)) {
        double[] values = ws.lanes.power;
        if (bands != null) {
          SpectrumLanes.bands(bands, ws.lanes);
          values = ws.lanes.bands;
        }
        for (int l = 0; l < lanes; l++) {
          double[] row = out[i + l];
          for (int b = 0; b < row.length; b++) {
            row[b] = decibels(values[b * lanes + l]);
          }
        }
        i += lanes;
      } else {
        frame(buffer, bufferStart, n + i, out[i], ws);
        i++;
      }
    }
  }

  @Override
  final void frame(float[] buffer, long bufferStart, long n, double[] out, PowerSpectrum.Workspace ws) {
    spectrum.compute(buffer, bufferStart, n, ws);
    if (bands == null) {
      System.arraycopy(ws.power, 0, out, 0, out.length);
    } else {
      bands.apply(ws.power, out);
    }
    for (int b = 0; b < out.length; b++) {
      out[b] = decibels(out[b]);
    }
  }
}
