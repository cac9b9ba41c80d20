package io.soundtag.trainer.logits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.soundtag.core.bundle.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogitStoreTest {

  @TempDir
  Path dir;

  private static LogitStore.Header header(int k, int classes, TaskType task, int epochs, int windows) {
    return new LogitStore.Header(k, classes, task, epochs, windows, windows - 1, 42, 0x1234_5678_9abc_def0L,
        List.of("logmel-resnet:resnet", "gammatone-vgg:vgg"), "ViewAugmentation[mixup 0.3]");
  }

  @Test
  void aStoreRoundTripsItsHeaderSeedsAndTopKLogitsInFourKPlusFourBytesPerView() throws IOException {
    int k = 3;
    int classes = 7;
    LogitStore.Header header = header(k, classes, TaskType.SINGLE_LABEL, 2, 5);
    Path file = dir.resolve("logits.bin");
    SplittableRandom r = new SplittableRandom(1);
    float[][] written = new float[10][classes];
    try (LogitStore.Writer w = LogitStore.create(file, header)) {
      for (int v = 0; v < 10; v++) {
        for (int c = 0; c < classes; c++) {
          written[v][c] = (float) (r.nextDouble() * 20 - 10);
        }
        w.append(1000 + v, written[v]);
      }
    }
    long headerBytes = 8 + 2 + 2 + 2 + 1 + 4 + 4 + 4 + 8 + 8 + 2 + (2 + 20) + (2 + 17) + (2 + 27); // the ids and the augmentation in UTF-8
    assertThat(Files.size(file)).isEqualTo(headerBytes + 10L * (4 * k + 4));

    LogitStore store = LogitStore.read(file);
    assertThat(store.header()).isEqualTo(header);
    for (int v = 0; v < 10; v++) {
      LogitStore.View view = store.view(v / 5 + 1, v % 5);
      assertThat(view.seed()).isEqualTo(1000 + v);
      int[] best = LogitStore.topK(written[v], k);
      for (int i = 0; i < k; i++) {
        assertThat((int) view.classes()[i]).isEqualTo(best[i]);
        // float16 keeps 11 significant bits: within 2^-11 relative
        assertThat(view.logits()[i]).isCloseTo(written[v][best[i]], within(Math.abs(written[v][best[i]]) / 2048 + 1e-4f));
      }
      assertThat(view.logits()[0]).isGreaterThanOrEqualTo(view.logits()[1]);
    }
  }

  @Test
  void classesOutsideTheTopKGetProbabilityZero() throws IOException {
    Path file = dir.resolve("k2.bin");
    try (LogitStore.Writer w = LogitStore.create(file, header(2, 4, TaskType.SINGLE_LABEL, 1, 1))) {
      w.append(5, new float[] {1, 3, 2, -1});
    }
    float[] p = LogitStore.read(file).probabilities(1, 0, 1f);
    double z = Math.exp(3) + Math.exp(2);
    assertThat(p[1]).isCloseTo((float) (Math.exp(3) / z), within(1e-3f));
    assertThat(p[2]).isCloseTo((float) (Math.exp(2) / z), within(1e-3f));
    assertThat(p[0]).isZero();
    assertThat(p[3]).isZero();

    Path multi = dir.resolve("multi.bin");
    try (LogitStore.Writer w = LogitStore.create(multi, header(4, 4, TaskType.MULTI_LABEL, 1, 1))) {
      w.append(5, new float[] {0, 2, -2, 1});
    }
    float[] q = LogitStore.read(multi).probabilities(1, 0, 2f);
    assertThat(q[0]).isCloseTo(0.5f, within(1e-4f));
    assertThat(q[1]).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-3f));
  }

  @Test
  void aTruncatedOrForeignFileIsRefusedInOneLine() throws IOException {
    Path file = dir.resolve("s.bin");
    try (LogitStore.Writer w = LogitStore.create(file, header(2, 4, TaskType.SINGLE_LABEL, 1, 2))) {
      w.append(1, new float[] {1, 2, 3, 4});
      w.append(2, new float[] {1, 2, 3, 4});
    }
    byte[] bytes = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> LogitStore.read(cut)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    Path foreign = dir.resolve("foreign.bin");
    Files.writeString(foreign, "RIFF....WAVEfmt ");
    assertThatThrownBy(() -> LogitStore.read(foreign)).isInstanceOf(IOException.class).hasMessageContaining("not a logit store");
    Path badClass = dir.resolve("class.bin");
    byte[] copy = bytes.clone();
    copy[copy.length - 1] = 9; // the last class index becomes 9 of 4
    Files.write(badClass, copy);
    assertThatThrownBy(() -> LogitStore.read(badClass)).isInstanceOf(IOException.class).hasMessageContaining("names class 9");
  }

  @Test
  void anUnfinishedStoreLeavesNoFile() {
    Path file = dir.resolve("unfinished.bin");
    assertThatThrownBy(() -> {
      try (LogitStore.Writer w = LogitStore.create(file, header(2, 4, TaskType.SINGLE_LABEL, 1, 2))) {
        w.append(1, new float[] {1, 2, 3, 4});
      }
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 2 views");
    assertThat(file).doesNotExist();
  }

  @Test
  void kMustFitTheClasses() {
    assertThatThrownBy(() -> header(8, 4, TaskType.SINGLE_LABEL, 1, 1)).hasMessageContaining("K must be in 1..4");
  }

  @Test
  void halfPrecisionRoundsToNearestEvenLikeNumpy() {
    // values and bits from numpy.float16
    assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
    assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
    assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
    assertThat(Half.fromFloat(65520f)).isEqualTo((short) 0x7c00); // rounds up to infinity
    assertThat(Half.fromFloat(0.1f)).isEqualTo((short) 0x2e66);
    assertThat(Half.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3c00); // a tie goes to even
    assertThat(Half.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
    assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001); // smallest subnormal
    assertThat(Half.fromFloat(Float.NaN) & 0x7c00).isEqualTo(0x7c00);
    for (int bits = 0; bits < 0x7c00; bits++) {
      assertThat(Half.fromFloat(Half.toFloat((short) bits))).isEqualTo((short) bits);
    }
  }
}
