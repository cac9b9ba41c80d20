package io.soundtag.tagger.reassembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.audio.Resampler;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.SampleEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamReassemblyTest {

  private static final int RATE = 8_000;
  private static final int CHUNK = 800;
  private static final long CHUNK_MICROS = 100_000;
  private static final long T0 = 1_700_000_000_000_000L;
  private static final WindowGeometry GEOMETRY = new WindowGeometry(RATE, 400, 200);

  /** A sensor fed through one reassembly, keeping its state as bytes the way the store does. */
  private static final class Sensor {
    final StreamReassembly reassembly;
    final WindowGeometry geometry;
    byte[] state;
    final List<StreamReassembly.Window> windows = new ArrayList<>();
    long silence;
    int restarts;

    Sensor(ReassemblyPolicy policy, WindowGeometry geometry) {
      this.reassembly = new StreamReassembly(policy, new SensorResamplers());
      this.geometry = geometry;
    }

    StreamReassembly.Outcome feed(long sequence, long capture, float[] samples, int rate) throws RejectedChunk {
      StreamReassembly.Step step = reassembly.accept("s", state == null ? null : SensorState.fromBytes(state), sequence,
          capture, samples, rate, geometry);
      if (step.outcome() != StreamReassembly.Outcome.DUPLICATE) {
        state = step.state().toBytes();
      }
      windows.addAll(step.windows());
      silence += step.silenceSamples();
      restarts += step.restarts();
      return step.outcome();
    }

    StreamReassembly.Outcome chunk(long sequence) throws RejectedChunk {
      return feed(sequence, T0 + sequence * CHUNK_MICROS, ramp(sequence * CHUNK, CHUNK), RATE);
    }
  }

  private static float[] ramp(long from, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (from + i + 1) / 100_000f;
    }
    return v;
  }

  private static Sensor sensor() {
    return new Sensor(ReassemblyPolicy.defaults(), GEOMETRY);
  }

  /** The windows an uninterrupted stream of {@code chunks} chunks gives. */
  private static List<StreamReassembly.Window> expected(int chunks) throws RejectedChunk {
    Sensor s = sensor();
    for (int i = 0; i < chunks; i++) {
      s.chunk(i);
    }
    return s.windows;
  }

  private static void assertSameWindows(List<StreamReassembly.Window> actual, List<StreamReassembly.Window> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).startMicros()).isEqualTo(expected.get(i).startMicros());
      assertThat(actual.get(i).endMicros()).isEqualTo(expected.get(i).endMicros());
      assertThat(actual.get(i).samples()).containsExactly(expected.get(i).samples());
    }
  }

  @Test
  void chunksInOrderGiveEveryWindowOnceWithItsSamplesAndCaptureTimes() throws Exception {
    List<StreamReassembly.Window> windows = expected(5);
    assertThat(windows).hasSize((5 * CHUNK - 400) / 200 + 1);
    for (int k = 0; k < windows.size(); k++) {
      assertThat(windows.get(k).startMicros()).isEqualTo(T0 + k * 25_000L);
      assertThat(windows.get(k).endMicros()).isEqualTo(T0 + k * 25_000L + 50_000L);
      assertThat(windows.get(k).samples()).containsExactly(ramp(k * 200L, 400));
    }
  }

  @Test
  void duplicatesAreDroppedAndChangeNothing() throws Exception {
    Sensor s = sensor();
    s.chunk(0);
    s.chunk(1);
    assertThat(s.chunk(1)).isEqualTo(StreamReassembly.Outcome.DUPLICATE);
    assertThat(s.chunk(0)).isEqualTo(StreamReassembly.Outcome.DUPLICATE);
    s.chunk(2);
    assertSameWindows(s.windows, expected(3));
  }

  @Test
  void chunksOutOfOrderWithinTheBoundAreReordered() throws Exception {
    Sensor s = sensor();
    s.chunk(0);
    assertThat(s.chunk(3)).isEqualTo(StreamReassembly.Outcome.HELD);
    assertThat(s.chunk(2)).isEqualTo(StreamReassembly.Outcome.HELD);
    assertThat(s.chunk(2)).as("a duplicate of a held chunk").isEqualTo(StreamReassembly.Outcome.DUPLICATE);
    assertThat(s.chunk(1)).isEqualTo(StreamReassembly.Outcome.APPENDED);
    s.chunk(4);
    assertSameWindows(s.windows, expected(5));
    assertThat(s.silence).isZero();
  }

  @Test
  void aGapWithinTheBoundIsFilledWithSilenceAndCounted() throws Exception {
    Sensor s = new Sensor(new ReassemblyPolicy(0, 1_000_000, 2_000_000, 20_000), GEOMETRY);
    s.chunk(0);
    s.chunk(1);
    s.chunk(3);
    assertThat(s.silence).isEqualTo(CHUNK);
    assertThat(s.restarts).isZero();
    List<StreamReassembly.Window> all = expected(4);
    assertThat(s.windows).hasSameSizeAs(all);
    for (int k = 0; k < all.size(); k++) {
      float[] want = all.get(k).samples().clone();
      long first = k * 200L;
      for (int i = 0; i < want.length; i++) {
        if (first + i >= 2 * CHUNK && first + i < 3 * CHUNK) {
          want[i] = 0;
        }
      }
      assertThat(s.windows.get(k).startMicros()).isEqualTo(all.get(k).startMicros());
      assertThat(s.windows.get(k).samples()).containsExactly(want);
    }
  }

  @Test
  void aMissingChunkIsGivenUpOnOnceMoreThanTheReorderBoundWait() throws Exception {
    Sensor s = new Sensor(new ReassemblyPolicy(2, 1_000_000, 2_000_000, 20_000), GEOMETRY);
    s.chunk(0);
    assertThat(s.chunk(2)).isEqualTo(StreamReassembly.Outcome.HELD);
    assertThat(s.chunk(3)).isEqualTo(StreamReassembly.Outcome.HELD);
    int before = s.windows.size();
    s.chunk(4);
    assertThat(s.windows.size()).isGreaterThan(before);
    assertThat(s.silence).isEqualTo(CHUNK);
    assertThat(s.chunk(1)).as("too late: the stream has moved on").isEqualTo(StreamReassembly.Outcome.DUPLICATE);
  }

  @Test
  void aMissingChunkIsGivenUpOnOnceTheHeldChunksRunPastTheReorderWait() throws Exception {
    // Room for 8 chunks, but only 350 ms of capture time: with 100 ms chunks, the third held one ends the wait.
    Sensor s = new Sensor(new ReassemblyPolicy(8, 350_000, 2_000_000, 20_000), GEOMETRY);
    s.chunk(0);
    assertThat(s.chunk(2)).isEqualTo(StreamReassembly.Outcome.HELD);
    assertThat(s.chunk(3)).isEqualTo(StreamReassembly.Outcome.HELD);
    assertThat(s.windows).hasSize(expected(1).size());
    s.chunk(4);
    assertThat(s.windows).as("the wait ended in time, not after 8 chunks").hasSizeGreaterThan(expected(1).size());
    assertThat(s.silence).isEqualTo(CHUNK);
    assertThat(s.chunk(1)).as("too late: the stream has moved on").isEqualTo(StreamReassembly.Outcome.DUPLICATE);
  }

  @Test
  void theWaitIsCountedFromTheEndOfTheStreamNotFromTheStartOfItsLastChunk() throws Exception {
    // 900 ms in order, then 100 ms held ahead of a missing 300 ms chunk: the output lags the audio
    // sent by 400 ms, well within the 1 s wait, although the held chunk starts 1.2 s after the last
    // chunk in order did.
    Sensor s = sensor();
    s.feed(0, T0, ramp(0, 7200), RATE);
    assertThat(s.feed(2, T0 + 1_200_000, ramp(9600, 800), RATE)).isEqualTo(StreamReassembly.Outcome.HELD);
    assertThat(s.feed(1, T0 + 900_000, ramp(7200, 2400), RATE)).isEqualTo(StreamReassembly.Outcome.APPENDED);
    assertThat(s.silence).isZero();
    assertThat(s.windows).hasSize((10_400 - 400) / 200 + 1);
    for (int k = 0; k < s.windows.size(); k++) {
      assertThat(s.windows.get(k).samples()).as("window " + k).containsExactly(ramp(k * 200L, 400));
    }
  }

  @Test
  void aLongHeldChunkEndsTheWaitByTheAudioItHolds() throws Exception {
    // 100 ms in order, a missing 100 ms chunk, then 950 ms held: the output would lag the audio sent
    // by 1.05 s, past the 1 s wait, although the held chunk starts only 200 ms after the last one in order.
    Sensor s = sensor();
    s.feed(0, T0, ramp(0, 800), RATE);
    s.feed(2, T0 + 200_000, ramp(1600, 7600), RATE);
    assertThat(s.silence).as("the missing chunk given up on at once, its gap filled").isEqualTo(800);
    assertThat(s.windows).hasSize((9200 - 400) / 200 + 1);
    assertThat(s.feed(1, T0 + 100_000, ramp(800, 800), RATE)).as("too late").isEqualTo(StreamReassembly.Outcome.DUPLICATE);
  }

  @Test
  void aGapBeyondTheBoundRestartsTheStreamAtTheNewChunk() throws Exception {
    Sensor s = new Sensor(new ReassemblyPolicy(0, 1_000_000, 150_000, 20_000), GEOMETRY);
    s.chunk(0);
    s.chunk(1);
    int before = s.windows.size();
    long later = T0 + 10_000_000;
    s.feed(2, later, ramp(0, CHUNK), RATE);
    assertThat(s.restarts).isEqualTo(1);
    assertThat(s.silence).isZero();
    List<StreamReassembly.Window> after = s.windows.subList(before, s.windows.size());
    assertThat(after.get(0).startMicros()).isEqualTo(later);
    assertThat(after.get(0).samples()).containsExactly(ramp(0, 400));
    assertThat(after).hasSize((CHUNK - 400) / 200 + 1);
  }

  @Test
  void aChunkCapturedBeforeItsPredecessorIsRejectedAndTheStreamGoesOn() throws Exception {
    Sensor s = sensor();
    s.chunk(0);
    s.chunk(1);
    assertThatThrownBy(() -> s.feed(2, T0, ramp(2 * CHUNK, CHUNK), RATE))
        .isInstanceOf(RejectedChunk.class)
        .satisfies(e -> assertThat(((RejectedChunk) e).reason()).isEqualTo(DeadLetterReason.DECREASING_TIMESTAMP));
    s.chunk(2);
    s.chunk(3);
    assertSameWindows(s.windows, expected(4));
  }

  @Test
  void aHeldChunkLaterThanItsSuccessorIsRejected() throws Exception {
    Sensor s = sensor();
    s.chunk(0);
    s.chunk(3);
    assertThatThrownBy(() -> s.feed(2, T0 + 5 * CHUNK_MICROS, ramp(0, CHUNK), RATE))
        .isInstanceOf(RejectedChunk.class);
  }

  @Test
  void aSensorThatRestartsItsNumberingStartsANewStream() throws Exception {
    Sensor s = sensor();
    for (int i = 0; i < 4; i++) {
      s.chunk(i);
    }
    int before = s.windows.size();
    long later = T0 + 3_600_000_000L;
    assertThat(s.feed(0, later, ramp(0, CHUNK), RATE)).isEqualTo(StreamReassembly.Outcome.APPENDED);
    assertThat(s.restarts).isEqualTo(1);
    assertThat(s.windows.get(before).startMicros()).isEqualTo(later);
  }

  @Test
  void aHopLongerThanTheWindowSkipsTheSamplesBetween() throws Exception {
    Sensor s = new Sensor(ReassemblyPolicy.defaults(), new WindowGeometry(RATE, 200, 500));
    for (int i = 0; i < 3; i++) {
      s.chunk(i);
    }
    assertThat(s.windows).hasSize(5);
    for (int k = 0; k < 5; k++) {
      assertThat(s.windows.get(k).samples()).containsExactly(ramp(k * 500L, 200));
      assertThat(s.windows.get(k).startMicros()).isEqualTo(T0 + k * 62_500L);
    }
  }

  @Test
  void aStereo44kSensorFeedingA32kModelIsDownmixedAndResampledAsOneContinuousStream() throws Exception {
    int from = 44_100;
    WindowGeometry at32k = new WindowGeometry(32_000, 3_200, 1_600);
    int frames = 4_410;
    int chunks = 12;
    float[] left = new float[frames * chunks];
    float[] right = new float[frames * chunks];
    for (int i = 0; i < left.length; i++) {
      double t = (double) i / from;
      left[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * t * (1 + t)));
      right[i] = (float) (0.3 * Math.sin(2 * Math.PI * 3_000 * t));
    }
    // Every chunk goes through a fresh converter cache and the state's bytes: a restart between every two chunks.
    List<StreamReassembly.Window> windows = new ArrayList<>();
    byte[] state = null;
    for (int c = 0; c < chunks; c++) {
      AudioChunk chunk = stereoPcm16(c, T0 + c * 100_000L, from, left, right, c * frames, frames);
      float[] mono = ChunkDecoder.decodeMono("s", chunk);
      StreamReassembly.Step step = new StreamReassembly(ReassemblyPolicy.defaults(), new SensorResamplers())
          .accept("s", state == null ? null : SensorState.fromBytes(state), c, chunk.getCaptureStartMicros(), mono, from, at32k);
      state = step.state().toBytes();
      windows.addAll(step.windows());
    }
    float[] downmix = new float[left.length];
    for (int i = 0; i < downmix.length; i++) {
      downmix[i] = ((short) Math.round(left[i] * 32767) / 32768f + (short) Math.round(right[i] * 32767) / 32768f) / 2;
    }
    float[] whole = new Resampler(from, 32_000).resample(downmix);
    int complete = (whole.length - 64 - 3_200) / 1_600 + 1;
    assertThat(windows.size()).isGreaterThanOrEqualTo(complete);
    for (int k = 0; k < windows.size(); k++) {
      assertThat(windows.get(k).startMicros()).isEqualTo(T0 + k * 50_000L);
      float[] want = Arrays.copyOfRange(whole, k * 1_600, k * 1_600 + 3_200);
      float[] got = windows.get(k).samples();
      for (int i = 0; i < got.length; i++) {
        assertThat(got[i]).as("window %d sample %d", k, i).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void aSensorChangingItsRateCarriesOnWithoutARestart() throws Exception {
    Sensor s = sensor();
    s.chunk(0);
    s.chunk(1);
    s.feed(2, T0 + 2 * CHUNK_MICROS, new float[2 * CHUNK], 2 * RATE);
    s.feed(3, T0 + 3 * CHUNK_MICROS, new float[2 * CHUNK], 2 * RATE);
    assertThat(s.restarts).isZero();
    assertThat(s.silence).isZero();
    for (int k = 0; k < s.windows.size(); k++) {
      assertThat(s.windows.get(k).startMicros()).isEqualTo(T0 + k * 25_000L);
    }
    assertThat(s.windows.size()).isBetween(12, 15);
  }

  @Test
  void stateOfAnotherFormatIsRefusedSoTheStreamRestarts() {
    byte[] bytes = SensorState.fresh(0, T0, RATE).toBytes();
    bytes[0] = 1;
    assertThatThrownBy(() -> SensorState.fromBytes(bytes)).isInstanceOf(SensorState.UnreadableState.class);
  }

  private static AudioChunk stereoPcm16(long seq, long capture, int rate, float[] l, float[] r, int from, int frames) {
    ByteBuffer b = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i < from + frames; i++) {
      b.putShort((short) Math.round(l[i] * 32767));
      b.putShort((short) Math.round(r[i] * 32767));
    }
    b.flip();
    return AudioChunk.newBuilder().setSensorId("s").setSequence(seq).setCaptureStartMicros(capture).setSampleRate(rate)
        .setChannels(2).setEncoding(SampleEncoding.PCM16LE).setPayload(b).build();
  }
}
