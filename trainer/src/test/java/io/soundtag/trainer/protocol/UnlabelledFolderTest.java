package io.soundtag.trainer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.trainer.dataset.ClipRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnlabelledFolderTest {

  private static MonoAudio tone(double hz) {
    float[] x = new float[3200];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 16000));
    }
    return new MonoAudio(x, 16000);
  }

  @Test
  void aCopyOfADatasetClipUnderAnotherNameIsLeftOutAndTheRestIsRead(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data/birds"));
    Path clip = data.resolve("a.wav");
    WavWriter.writePcm16(clip, tone(440));
    Path pool = Files.createDirectories(dir.resolve("pool/sub"));
    WavWriter.writePcm16(pool.resolve("copy-of-a.wav"), tone(440));
    WavWriter.writePcm16(pool.resolve("other.wav"), tone(1000));
    Files.writeString(pool.resolve("notes.txt"), "not audio");
    Files.writeString(pool.resolve("broken.wav"), "not a wav file");
    List<String> notes = new ArrayList<>();

    List<MonoAudio> read = UnlabelledFolder.read(dir.resolve("pool"), List.of(new ClipRef(clip, List.of("birds"), null, "", true)), notes::add);

    assertThat(read).hasSize(1);
    assertThat(read.get(0).samples()[100]).isNotEqualTo(tone(440).samples()[100]);
    assertThat(notes).anyMatch(n -> n.contains("copy-of-a.wav") && n.contains("equal a clip"));
    assertThat(notes).anyMatch(n -> n.contains("broken.wav"));
    assertThat(notes.get(notes.size() - 1)).startsWith("1 unlabelled files").contains("1 equal to clips");
  }
}
