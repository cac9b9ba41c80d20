package io.soundtag.tagger.levels;

import io.soundtag.core.acoustics.IntervalLevels;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link IntervalLevels} to and from a state store's bytes, without what a report does not
 * carry: no calibration (waiting intervals have none yet) and no LAF history; the 100 ms energies
 * (for the shares) as the floats the meter keeps.
 */
final class IntervalCodec {

  private IntervalCodec() {}

  static void write(DataOutputStream out, IntervalLevels l) throws IOException {
    out.writeLong(l.startSample());
    out.writeLong(l.endSample());
    out.writeInt(l.sampleRate());
    for (double v : new double[] {l.laeq(), l.lceq(), l.lzeq(), l.lae(), l.lafmax(), l.lasmax(), l.lafmin(), l.lcpeak(),
        l.laf10(), l.laf50(), l.laf90()}) {
      out.writeDouble(v);
    }
    out.writeInt(l.thirdOctave().size());
    for (Map.Entry<String, Double> e : l.thirdOctave().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeDouble(e.getValue());
    }
    out.writeBoolean(l.overload());
    out.writeInt(l.periodMeanSquares().length);
    for (double d : l.periodMeanSquares()) {
      out.writeFloat((float) d);
    }
  }

  static IntervalLevels read(DataInputStream in, int maxCount) throws IOException {
    long start = in.readLong();
    long end = in.readLong();
    int rate = in.readInt();
    double[] v = new double[11];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    int bands = SensorLevels.bounded(in.readInt(), 64);
    Map<String, Double> spectrum = new LinkedHashMap<>();
    for (int i = 0; i < bands; i++) {
      spectrum.put(in.readUTF(), in.readDouble());
    }
    boolean overload = in.readBoolean();
    double[] periods = new double[SensorLevels.bounded(in.readInt(), maxCount / 4)];
    for (int i = 0; i < periods.length; i++) {
      periods[i] = in.readFloat();
    }
    return new IntervalLevels(start, end, rate, null, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
        spectrum, overload, new double[0], periods);
  }
}
