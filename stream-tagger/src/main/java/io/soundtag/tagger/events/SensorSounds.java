package io.soundtag.tagger.events;

import io.soundtag.core.acoustics.SpanLevels;
import io.soundtag.tagger.levels.SensorLevels.MeasuredSpan;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What event detection remembers of one sensor: its last windows' start times and, per label,
 * which of them were above threshold, their scores and the sound in progress, if any, with the
 * levels of its audio so far; and the levels of the audio of its last windows, from which a sound
 * that starts gets the levels since its onset.
 */
final class SensorSounds {

  private static final int FORMAT = 2;

  /** One label's recent windows and sound. Bit / index 0 is the latest window. */
  static final class Track {
    long aboveBits;
    float[] recent;
    boolean active;
    long onsetMicros;
    long lastEndMicros;
    float peak;
    String modelVersion = "";
    /** The levels from the onset to lastEndMicros; null when not measured. */
    SpanLevels levels;

    Track(int n) {
      recent = new float[n];
    }
  }

  long lastStartMicros = Long.MIN_VALUE;
  long lastEndMicros = Long.MIN_VALUE;
  long[] starts;
  final Map<String, Track> tracks = new LinkedHashMap<>();
  /** The audio of the last windows, oldest first, each from the previous window's end to its own. */
  final List<MeasuredSpan> recent = new ArrayList<>();

  SensorSounds(int n) {
    starts = new long[n];
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(lastStartMicros);
      out.writeLong(lastEndMicros);
      out.writeInt(starts.length);
      for (long s : starts) {
        out.writeLong(s);
      }
      out.writeInt(tracks.size());
      for (Map.Entry<String, Track> e : tracks.entrySet()) {
        Track t = e.getValue();
        out.writeUTF(e.getKey());
        out.writeLong(t.aboveBits);
        for (float f : t.recent) {
          out.writeFloat(f);
        }
        out.writeBoolean(t.active);
        out.writeLong(t.onsetMicros);
        out.writeLong(t.lastEndMicros);
        out.writeFloat(t.peak);
        out.writeUTF(t.modelVersion);
        writeLevels(out, t.levels);
      }
      out.writeInt(recent.size());
      for (MeasuredSpan m : recent) {
        out.writeLong(m.startMicros());
        out.writeLong(m.endMicros());
        writeLevels(out, m.levels());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The state, or null when it was written with another look-back or format (detection starts afresh). */
  static SensorSounds fromBytes(byte[] bytes, int n) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        return null;
      }
      SensorSounds s = new SensorSounds(n);
      s.lastStartMicros = in.readLong();
      s.lastEndMicros = in.readLong();
      if (in.readInt() != n) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        s.starts[i] = in.readLong();
      }
      int labels = in.readInt();
      for (int l = 0; l < labels; l++) {
        String label = in.readUTF();
        Track t = new Track(n);
        t.aboveBits = in.readLong();
        for (int i = 0; i < n; i++) {
          t.recent[i] = in.readFloat();
        }
        t.active = in.readBoolean();
        t.onsetMicros = in.readLong();
        t.lastEndMicros = in.readLong();
        t.peak = in.readFloat();
        t.modelVersion = in.readUTF();
        t.levels = readLevels(in, bytes.length);
        s.tracks.put(label, t);
      }
      int recent = in.readInt();
      if (recent < 0 || recent > bytes.length) {
        return null;
      }
      for (int i = 0; i < recent; i++) {
        long start = in.readLong();
        long end = in.readLong();
        s.recent.add(new MeasuredSpan(start, end, readLevels(in, bytes.length)));
      }
      return s;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static void writeLevels(DataOutputStream out, SpanLevels levels) throws IOException {
    if (levels == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = levels.toBytes();
    out.writeInt(b.length);
    out.write(b);
  }

  private static SpanLevels readLevels(DataInputStream in, int max) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > max) {
      throw new IOException("levels of " + n + " bytes");
    }
    return SpanLevels.fromBytes(in.readNBytes(n));
  }
}
