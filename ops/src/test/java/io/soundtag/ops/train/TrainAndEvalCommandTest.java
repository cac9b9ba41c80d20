package io.soundtag.ops.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.ops.cli.SoundtagCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The train and eval commands end to end on a generated folder-per-class dataset (tones vs.
 * noise bursts, 8 kHz, clips shorter and longer than the 250 ms window) with tiny networks.
 */
class TrainAndEvalCommandTest {

  @TempDir
  Path dir;

  private Path data;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void dataset() throws IOException {
    data = dir.resolve("dev");
    Random random = new Random(7);
    for (String label : new String[] {"noise", "tone"}) {
      Files.createDirectories(data.resolve(label));
      for (int i = 0; i < 12; i++) {
        // lengths from 0.15 s (padded) to 0.6 s (several windows)
        float[] x = new float[1200 + 300 * (i % 4)];
        double f = 300 + 120 * i;
        for (int n = 0; n < x.length; n++) {
          x[n] = label.equals("tone") ? (float) (0.4 * Math.sin(2 * Math.PI * f * n / 8000)) : (float) (0.3 * random.nextGaussian());
        }
        WavWriter.writePcm16(data.resolve(label).resolve(label + "-" + i + ".wav"), new MonoAudio(x, 8000));
      }
    }
    Files.writeString(data.resolve("noise").resolve("broken.wav"), "not a wav");
  }

  private int run(String... args) {
    CommandLine cl = SoundtagCommand.commandLine();
    cl.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private String[] tiny(String... more) {
    String[] base = {"train", "--data", data.toString(), "--sample-rate", "8000", "--window-ms", "250", "--hop-ms", "125",
        "--validation-percent", "25", "--test-percent", "25", "--batch-size", "8", "--device", "cpu", "--seed", "3"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void mrkdTrainsTwoRepresentationsAndTheEvalCommandScoresTheBundle() throws IOException {
    Path bundlePath = dir.resolve("m.bundle");
    Path report = dir.resolve("report");
    int code = run(tiny("--recipe", "mrkd", "--branches", "logmel:smallcnn,mfcc:smallcnn", "--cycles", "1",
        "--compare-independent", "--keep-branches", "--out", bundlePath.toString(), "--report", report.toString()));

    assertThat(code).as(err.toString()).isZero();
    ModelBundle bundle = ModelBundle.read(bundlePath);
    assertThat(bundle.manifest().branches()).extracting(b -> b.name()).containsExactly("logmel-smallcnn", "mfcc-smallcnn");
    assertThat(bundle.manifest().studentBranch()).isEqualTo("logmel-smallcnn");
    assertThat(bundle.manifest().branch("mfcc-smallcnn").features().create().channels()).isEqualTo(3);
    assertThat(err.toString()).contains("skipped").contains("broken.wav");
    String html = Files.readString(report.resolve("index.html"));
    assertThat(html).contains("independent").contains("distilled").contains("ensemble").contains("Complexity");
    assertThat(report.resolve("loss.png")).exists();
    assertThat(report.resolve("confusion.png")).exists();

    Path json = dir.resolve("eval").resolve("metrics.json");
    assertThat(run("eval", bundlePath.toString(), data.toString(), "--mode", "ensemble", "--json", json.toString(),
        "--device", "cpu")).as(err.toString()).isZero();
    JsonNode metrics = new ObjectMapper().readTree(json.toFile());
    assertThat(metrics.get("n").asInt()).isEqualTo(24);
    for (String key : new String[] {"accuracy", "map_at_3", "macro_map", "micro_auprc", "per_class_ap"}) {
      assertThat(metrics.has(key)).as(key).isTrue();
    }
    assertThat(metrics.get("per_class_ap").has("tone")).isTrue();
    assertThat(dir.resolve("eval").resolve("confusion.csv")).exists();
  }

  @Test
  void int8TrainsAnInt8StudentAndEvalGivesTheBundleBytes() throws IOException {
    Path bundlePath = dir.resolve("int8.bundle");
    int code = run(tiny("--recipe", "supervised", "--architecture", "smallcnn", "--epochs", "1", "--int8", "--qat-epochs", "1",
        "--out", bundlePath.toString(), "--report", dir.resolve("report").toString()));

    assertThat(code).as(err.toString()).isZero();
    ModelBundle bundle = ModelBundle.read(bundlePath);
    assertThat(bundle.manifest().student().quantised()).isTrue();
    assertThat(err.toString()).contains("independent, int8").contains("bundle bytes (first seed): float32 student");

    Path json = dir.resolve("eval").resolve("metrics.json");
    assertThat(run("eval", bundlePath.toString(), data.toString(), "--json", json.toString(), "--device", "cpu"))
        .as(err.toString()).isZero();
    JsonNode metrics = new ObjectMapper().readTree(json.toFile());
    assertThat(metrics.get("bundle_bytes").asLong()).isEqualTo(Files.size(bundlePath));
    assertThat(metrics.get("student_weights").asText()).isEqualTo("int8");
    assertThat(metrics.get("n").asInt()).isEqualTo(24);
  }

  @Test
  void cedWritesALogitStoreFromItsTeachersAndALaterStudentReusesItWithoutTeachers() throws IOException {
    Path unlabelled = dir.resolve("site");
    Files.createDirectories(unlabelled.resolve("day1"));
    Random random = new Random(9);
    for (int i = 0; i < 3; i++) {
      float[] x = new float[22050 / 2];
      for (int n = 0; n < x.length; n++) {
        x[n] = (float) (0.2 * random.nextGaussian());
      }
      // another rate than the model's: resampled on reading
      WavWriter.writePcm16(unlabelled.resolve("day1").resolve("chunk-" + i + ".wav"), new MonoAudio(x, 22050));
    }
    Path store = dir.resolve("logits.bin");
    Path first = dir.resolve("ced.bundle");
    String[] augmentation = {"--time-shift-ms", "20", "--gain-db", "3", "--band-limit", "1500:3500", "--reverb-rt60", "0.05:0.2",
        "--mixup", "0.3", "--mixup-domain", "waveform", "--freq-mixstyle", "0.3", "--time-masks", "1:4", "--freq-masks", "1:8"};
    String[] firstRun = concat(tiny("--recipe", "ced", "--teachers", "logmel:smallcnn,gammatone:smallcnn", "--teacher-epochs", "1",
        "--student", "logmel:smallcnn", "--epochs", "2", "--store-epochs", "2", "--top-k", "1", "--lambda", "0.5",
        "--unlabelled", unlabelled.toString(), "--logit-store", store.toString(), "--compare-independent",
        "--out", first.toString(), "--report", dir.resolve("ced-report").toString()), augmentation);
    assertThat(run(firstRun)).as(err.toString()).isZero();
    assertThat(err.toString()).contains("label-free windows from").contains("from store").contains("teacher");
    assertThat(store).exists();
    assertThat(ModelBundle.read(first).manifest().branches()).extracting(b -> b.name()).containsExactly("logmel-smallcnn");
    String html = Files.readString(dir.resolve("ced-report").resolve("index.html"));
    assertThat(html).contains("from store").contains("independent").contains("gammatone-smallcnn");

    // a later student: the same data and augmentation, no teacher runs, another network
    long written = Files.getLastModifiedTime(store).toMillis();
    Path second = dir.resolve("ced2.bundle");
    String[] secondRun = concat(tiny("--recipe", "ced", "--student", "mfcc:smallcnn", "--epochs", "1", "--lambda", "1",
        "--unlabelled", unlabelled.toString(), "--logit-store", store.toString(), "--out", second.toString(),
        "--report", dir.resolve("ced2-report").toString()), augmentation);
    assertThat(run(secondRun)).as(err.toString()).isZero();
    assertThat(err.toString()).doesNotContain("seed 3 teachers").contains("reusing the logit store");
    assertThat(Files.getLastModifiedTime(store).toMillis()).isEqualTo(written);
    assertThat(ModelBundle.read(second).manifest().studentBranch()).isEqualTo("mfcc-smallcnn");

    // a student asking for other augmentation is told the store does not fit
    String[] otherAugmentation = tiny("--recipe", "ced", "--student", "mfcc:smallcnn", "--epochs", "1",
        "--unlabelled", unlabelled.toString(), "--logit-store", store.toString(), "--out", dir.resolve("x.bundle").toString());
    assertThat(run(otherAugmentation)).isNotZero();
    assertThat(err.toString()).contains("the logit store does not fit this run").contains("made with augmentation");
  }

  @Test
  void mrkdTakesFrozenTeachersFromABundleIntoItsCycles() throws IOException {
    Path teacher = dir.resolve("teacher.bundle");
    assertThat(run(tiny("--architecture", "smallcnn", "--branches", "gammatone:smallcnn", "--epochs", "1",
        "--out", teacher.toString()))).as(err.toString()).isZero();
    Path bundlePath = dir.resolve("m.bundle");
    int code = run(tiny("--recipe", "mrkd", "--branches", "logmel:smallcnn,mfcc:smallcnn", "--cycles", "1", "--kd-form", "paper",
        "--teacher-bundles", teacher.toString(), "--out", bundlePath.toString(), "--report", dir.resolve("mr").toString()));
    assertThat(code).as(err.toString()).isZero();
    String html = Files.readString(dir.resolve("mr").resolve("index.html"));
    assertThat(html).contains("teacher").contains("distilled").contains("form=PAPER");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void aRunStoppedAfterItsFirstEpochResumesAndFinishes() throws IOException {
    Path bundlePath = dir.resolve("s.bundle");
    Path report = dir.resolve("r");
    String[] args = tiny("--recipe", "supervised", "--architecture", "smallcnn", "--epochs", "2",
        "--out", bundlePath.toString(), "--report", report.toString());

    String[] stopped = new String[args.length + 2];
    System.arraycopy(args, 0, stopped, 0, args.length);
    stopped[args.length] = "--stop-after-epoch";
    stopped[args.length + 1] = "1";
    assertThat(run(stopped)).as(err.toString()).isEqualTo(3);
    assertThat(bundlePath).doesNotExist();
    assertThat(report.resolve("checkpoints").resolve("seed-3-supervised").resolve("epoch-0001").resolve("state.json")).exists();

    String[] resumed = new String[args.length + 1];
    System.arraycopy(args, 0, resumed, 0, args.length);
    resumed[args.length] = "--resume";
    assertThat(run(resumed)).as(err.toString()).isZero();
    assertThat(bundlePath).exists();
    JsonNode history = new ObjectMapper().readTree(report.resolve("history.json").toFile());
    JsonNode epochs = history.get("seed 3 independent logmel-smallcnn");
    assertThat(epochs).hasSize(2);
    assertThat(epochs.get(0).get("epoch").asInt()).isEqualTo(1);
    assertThat(epochs.get(1).get("epoch").asInt()).isEqualTo(2);
  }

  @Test
  void simulatedDataForSomeClassesMakesABundleOfThoseClassesOnly() throws IOException {
    Path bundlePath = dir.resolve("some.bundle");
    int code = run("train", "--data", "simulated", "--classes", "rain,siren", "--scenes", "1", "--scene-seconds", "8",
        "--sample-rate", "8000", "--window-ms", "500", "--hop-ms", "250", "--architecture", "smallcnn", "--width", "4",
        "--epochs", "1", "--batch-size", "8", "--device", "cpu", "--seed", "3", "--out", bundlePath.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(ModelBundle.read(bundlePath).manifest().classes()).containsExactly("siren", "rain");
  }

  @Test
  void classesOfADatasetDirectoryOrUnknownOnesAreOneClearError() {
    assertThat(run(tiny("--classes", "tone", "--out", dir.resolve("x.bundle").toString()))).isEqualTo(1);
    assertThat(err.toString()).contains("--classes chooses among the simulated classes; use it with --data simulated");
    assertThat(run("train", "--data", "simulated", "--classes", "thunder", "--out", dir.resolve("y.bundle").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("'thunder' is not a simulated class");
  }

  @Test
  void aCoarseWeightWithoutATaxonomyOrWithCedIsOneClearError() {
    assertThat(run(tiny("--coarse-weight", "0.5", "--out", dir.resolve("x.bundle").toString()))).isEqualTo(1);
    assertThat(err.toString()).contains("trains a coarse head, which needs a coarse taxonomy");
    assertThat(run(tiny("--recipe", "ced", "--coarse-weight", "0.5", "--out", dir.resolve("y.bundle").toString()))).isEqualTo(1);
    assertThat(err.toString()).contains("supervised and mrkd methods only");
  }

  @Test
  void evaluatingADatasetWithAClassTheBundleDoesNotKnowIsOneClearError() throws IOException {
    Path bundlePath = dir.resolve("t.bundle");
    assertThat(run(tiny("--architecture", "smallcnn", "--epochs", "1", "--out", bundlePath.toString()))).as(err.toString()).isZero();
    Files.createDirectories(data.resolve("whale"));
    WavWriter.writePcm16(data.resolve("whale").resolve("w.wav"), new MonoAudio(new float[2000], 8000));

    int code = run("eval", bundlePath.toString(), data.toString(), "--json", dir.resolve("x.json").toString(), "--device", "cpu");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("soundtag eval: the dataset's class 'whale' is not one the bundle knows");
  }

  @Test
  void aRecipeFileSetsTheTrainingAndOptionsGivenOverrideIt() throws IOException {
    Path recipe = dir.resolve("recipe.json");
    Files.writeString(recipe, """
        {"method": "mrkd", "branches": ["mfcc:smallcnn", "logmel:smallcnn"],
         "audio": {"sampleRate": 8000, "fftSize": 256, "frameHopMs": 16, "windowMs": 250, "hopMs": 125},
         "distillation": {"cycles": 1}, "schedule": {"batchSize": 8}, "seed": 5}
        """);
    Path bundlePath = dir.resolve("f.bundle");
    int code = run("train", "--recipe-file", recipe.toString(), "--data", data.toString(), "--validation-percent", "25",
        "--test-percent", "25", "--device", "cpu", "--seed", "3", "--out", bundlePath.toString());

    assertThat(code).as(err.toString()).isZero();
    ModelBundle bundle = ModelBundle.read(bundlePath);
    assertThat(bundle.manifest().studentBranch()).isEqualTo("mfcc-smallcnn");
    assertThat(bundle.manifest().sampleRate()).isEqualTo(8000);
    assertThat(bundle.manifest().windowSamples()).isEqualTo(2000);
    assertThat(bundle.manifest().provenance().get("seed")).isEqualTo("3");
    assertThat(bundle.manifest().provenance().get("recipe_json")).contains("\"cycles\" : 1").contains("mfcc:smallcnn");
  }
}
