package io.soundtag.trainer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.taxonomy.ToneDevSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One fold of the protocol on tones, with the int8 form of the ced-unlabelled student. */
class DistillationProtocolTest {

  @TempDir
  Path dir;

  @Test
  void theInt8StudentIsTheCedUnlabelledRunQuantisedAndBothAreScored() throws Exception {
    Path data = ToneDevSet.write(dir.resolve("dev"), List.of("low", "high"));
    Path other = Files.createDirectories(dir.resolve("other"));
    Random r = new Random(3);
    float[] noise = new float[16_000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * r.nextGaussian());
    }
    WavWriter.writePcm16(other.resolve("noise.wav"), new MonoAudio(noise, 16_000));
    TrainingRecipe recipe = TrainingRecipe.defaults().with(Map.of(
        "branches", List.of("logmel:smallcnn"), "epochs", 1,
        "audio", Map.of("sampleRate", 8000, "fftSize", 256, "frameHopMs", 10, "windowMs", 250, "hopMs", 125),
        "schedule", Map.of("batchSize", 8),
        "teachers", Map.of("branches", List.of("gammatone:smallcnn"), "epochs", 1),
        "store", Map.of("epochs", 1, "topK", 1),
        "quantise", Map.of("bits", 0, "epochs", 1, "learningRate", 0.0003)));
    DistillationProtocol.Settings settings = new DistillationProtocol.Settings(data, DatasetFormat.FOLDER, 2, 7, List.of(1L),
        List.of(ProtocolMethod.CED_INT8), recipe, null, other, dir.resolve("work"), 0.95, Device.cpu(), List.of(1), false);

    assertThat(settings.methods()).containsExactly(ProtocolMethod.ALONE, ProtocolMethod.CED_UNLABELLED, ProtocolMethod.CED_INT8);

    ProtocolResult result = new DistillationProtocol(settings).run(new TrainingListener() { });

    assertThat(result.runs()).extracting(ProtocolResult.Run::method).containsExactly("alone", "ced-unlabelled", "ced-int8");
    assertThat(result.methods()).extracting(ProtocolResult.MethodSummary::method)
        .containsExactly("alone", "ced-unlabelled", "ced-int8");
    ProtocolResult.MethodSummary float32 = result.methods().get(1);
    ProtocolResult.MethodSummary int8 = result.methods().get(2);
    assertThat(int8.parameters()).isEqualTo(float32.parameters());
    assertThat(int8.macsPerWindow()).isEqualTo(float32.macsPerWindow());
    assertThat(int8.bundleBytes()).isPositive().isLessThan(float32.bundleBytes());
    Path served = dir.resolve("work/fold-1/ced-int8-seed-1.bundle");
    assertThat(ModelBundle.read(served).manifest().student().quantised()).isTrue();
    assertThat(dir.resolve("work/fold-1/ced-unlabelled-seed-1.bundle")).doesNotExist();
  }

  @Test
  void theStudentAloneHasAnInt8FormTooWithoutTeachers() throws Exception {
    Path data = ToneDevSet.write(dir.resolve("dev"), List.of("low", "high"));
    TrainingRecipe recipe = TrainingRecipe.defaults().with(Map.of(
        "branches", List.of("logmel:smallcnn"), "epochs", 1,
        "audio", Map.of("sampleRate", 8000, "fftSize", 256, "frameHopMs", 10, "windowMs", 250, "hopMs", 125),
        "schedule", Map.of("batchSize", 8),
        "quantise", Map.of("bits", 0, "epochs", 1, "learningRate", 0.0003)));
    DistillationProtocol.Settings settings = new DistillationProtocol.Settings(data, DatasetFormat.FOLDER, 2, 7, List.of(1L),
        List.of(ProtocolMethod.ALONE_INT8), recipe, null, null, dir.resolve("work"), 0.95, Device.cpu(), List.of(1), false);

    ProtocolResult result = new DistillationProtocol(settings).run(new TrainingListener() { });

    assertThat(result.runs()).extracting(ProtocolResult.Run::method).containsExactly("alone", "alone-int8");
    assertThat(result.methods().get(1).bundleBytes()).isLessThan(result.methods().get(0).bundleBytes());
    assertThat(result.methods().get(1).accuracyGain()).isNotNull();
    assertThat(dir.resolve("work/fold-1/teachers.bundle")).doesNotExist();
  }
}
