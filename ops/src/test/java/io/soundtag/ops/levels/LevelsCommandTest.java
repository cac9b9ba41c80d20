package io.soundtag.ops.levels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.ops.cli.SoundtagCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LevelsCommandTest {

  @TempDir
  Path dir;

  @Test
  void writesOneObjectPerWholeIntervalWithExactlyTheIssuesKeysAndAPicture() throws Exception {
    int rate = 16000;
    float[] x = new float[(int) (5.5 * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.1 * Math.sqrt(2) * Math.sin(2 * Math.PI * 1000 * i / rate));
    }
    Path wav = dir.resolve("tone.wav");
    WavWriter.writePcm16(wav, new MonoAudio(x, rate));
    Path json = dir.resolve("levels.json");
    Path png = dir.resolve("levels.png");
    StringWriter out = new StringWriter();
    int code = SoundtagCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
        .execute("levels", wav.toString(), "--calibration-db", "114", "--interval", "2", "--json", json.toString(),
            "--png", png.toString());
    assertThat(code).isZero();
    assertThat(out.toString()).contains("2 whole interval(s)").contains("levels in dB (calibration +114.00 dB)");
    JsonNode list = new ObjectMapper().readTree(json.toFile());
    assertThat(list).hasSize(2);
    List<String> keys = new ArrayList<>();
    list.get(1).fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("start_s", "end_s", "LAeq", "LCeq", "LZeq", "LAE", "LAFmax", "LASmax", "LAFmin",
        "LCpeak", "LAF10", "LAF50", "LAF90", "third_octave");
    JsonNode second = list.get(1);
    assertThat(second.get("start_s").asDouble()).isEqualTo(2.0);
    assertThat(second.get("end_s").asDouble()).isEqualTo(4.0);
    // −20 dBFS at 1 kHz with C = 114: 94 dB on every weighting, in the 1 kHz band, as LAF10/50/90.
    for (String k : new String[] {"LAeq", "LCeq", "LZeq", "LAF10", "LAF50", "LAF90", "LAFmax", "LAFmin"}) {
      assertThat(second.get(k).asDouble()).as(k).isCloseTo(94.0, within(0.05));
    }
    assertThat(second.get("LAE").asDouble()).isCloseTo(94.0 + 10 * Math.log10(2), within(0.05));
    assertThat(second.get("LCpeak").asDouble()).isCloseTo(97.0, within(0.1));
    assertThat(second.get("third_octave").get("1000").asDouble()).isCloseTo(94.0, within(0.05));
    assertThat(second.get("third_octave").has("6300")).isTrue();
    assertThat(second.get("third_octave").has("8000")).isFalse();
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
