package io.soundtag.trainer.taxonomy;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A dev set folder as {@link TaxonomyData} reads one, of tones instead of real sounds. */
public final class ToneDevSet {

  private ToneDevSet() {}

  /**
   * Writes four packages, p1 to p4, each with one clip of 1.5 s at 16 kHz per label (a different
   * tone per clip), and their meta.csv, into {@code dir}; returns {@code dir}.
   */
  public static Path write(Path dir, List<String> labels) throws IOException {
    List<String> meta = new ArrayList<>(List.of("filename,class,source_package,original_path,license"));
    int n = 0;
    for (String pkg : List.of("p1", "p2", "p3", "p4")) {
      for (String label : labels) {
        Files.createDirectories(dir.resolve(label));
        float[] s = new float[24_000];
        double f = 200 + 50 * n++;
        for (int i = 0; i < s.length; i++) {
          s[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / 16_000));
        }
        String file = label + "/" + pkg + "__" + label + ".wav";
        WavWriter.writePcm16(dir.resolve(file), new MonoAudio(s, 16_000));
        meta.add(file + "," + label + "," + pkg + ",x,y");
      }
    }
    Files.write(dir.resolve("meta.csv"), meta);
    return dir;
  }
}
