package io.soundtag.tagger.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.TinyModel;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.assertj.core.data.Offset;

/**
 * A fuzzed mix of valid chunks (of random lengths, some swapped with their neighbour, some sent
 * twice) and bad input (random bytes, NaN samples, impossible rates, empty payloads, foreign keys,
 * timestamps going back) for two sensors: every window the valid chunks imply comes out exactly
 * once, with its capture span and the scores the model gives its samples directly, and every bad
 * input becomes exactly one dead letter.
 */
class FuzzedInputProperty {

  private static final ModelBundle BUNDLE = TinyModel.bundle("v1", 4000, 2000, 7);
  private static final ServingModel DIRECT = ServingModel.load(BUNDLE, ServingMode.STUDENT);
  private static final List<String> SENSORS = List.of("sensor-a", "sensor-b");

  @AfterContainer
  static void close() {
    DIRECT.close();
  }

  private static final long MAX_REORDER_MICROS = ReassemblyPolicy.defaults().maxReorderMicros();

  /** A record to send; {@code samples} is the length of a valid chunk, 0 for bad input. */
  private record Send(String key, byte[] value, int samples) {}

  @Property(tries = 10)
  void noValidWindowIsLostOrChanged(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int chunksPerSensor,
      @ForAll @IntRange(min = 0, max = 6) int badInputs) {
    check(seed, chunksPerSensor, badInputs);
  }

  /**
   * A 550 ms chunk in order, then 110 ms ahead of a missing 630 ms one: the held audio runs 740 ms
   * past the stream, within the reorder wait, so the missing chunk must be waited for (it was given
   * up on when the wait was counted from the start of the 550 ms chunk, 1.18 s, and its audio
   * became silence).
   */
  @Example
  void aSwapAfterALongChunkIsWaitedFor() {
    check(1, 3, 0);
  }

  private void check(long seed, int chunksPerSensor, int badInputs) {
    Random r = new Random(seed);
    Map<String, float[]> audio = new HashMap<>();
    List<List<Send>> perSensor = new ArrayList<>();
    for (String sensor : SENSORS) {
      List<Send> sends = new ArrayList<>();
      float[] all = new float[0];
      for (int c = 0; c < chunksPerSensor; c++) {
        float[] samples = new float[80 * (10 + r.nextInt(60))];
        double amplitude = 0.01 + r.nextDouble() * 0.5;
        for (int i = 0; i < samples.length; i++) {
          samples[i] = (float) (amplitude * r.nextGaussian());
        }
        long capture = TaggerDriver.T0 + all.length * 1_000_000L / TinyModel.RATE;
        Send s = encoded(TaggerDriver.chunk(sensor, c, capture, TinyModel.RATE, samples), samples.length);
        sends.add(s);
        if (r.nextInt(5) == 0) {
          sends.add(s);
        }
        all = concat(all, samples);
      }
      // Swap a few neighbours: out of order within the reorder bound. The first chunk stays first:
      // a sensor's stream starts at the first chunk the tagger sees. A chunk moves by one place at
      // most (no swap right after a swap), so the held chunk and the missing one are the pair
      // swapped, and the held audio runs past the stream by their two lengths: pairs longer than
      // the reorder wait are given up on by design and stay in order here.
      boolean swapped = false;
      for (int i = 1; i + 1 < sends.size(); i++) {
        boolean swap = r.nextInt(4) == 0 && !swapped
            && (sends.get(i).samples() + sends.get(i + 1).samples()) * 1_000_000L / TinyModel.RATE <= MAX_REORDER_MICROS;
        if (swap) {
          Send t = sends.get(i);
          sends.set(i, sends.get(i + 1));
          sends.set(i + 1, t);
        }
        swapped = swap;
      }
      audio.put(sensor, all);
      perSensor.add(sends);
    }
    List<Send> mix = interleave(perSensor, r);
    // Bad input comes once both sensors have started: before its first chunk, a sensor has no past to go back from.
    int started = 1 + Math.max(mix.indexOf(perSensor.get(0).get(0)), mix.indexOf(perSensor.get(1).get(0)));
    for (int b = 0; b < badInputs; b++) {
      mix.add(started + r.nextInt(mix.size() - started + 1), bad(r));
    }

    try (TaggerDriver t = new TaggerDriver(ServingModel.load(BUNDLE, ServingMode.STUDENT), new BatchPolicy(1 + r.nextInt(16), 30));
        InferenceSession session = DIRECT.newSession()) {
      for (Send s : mix) {
        t.send(s.key(), s.value());
        if (r.nextInt(4) == 0) {
          t.driver.advanceWallClockTime(java.time.Duration.ofMillis(r.nextInt(60)));
        }
      }
      t.flush();
      List<TagEvent> tags = t.allTags();
      assertThat(t.deadLetters.readValuesToList()).hasSize(badInputs);
      for (String sensor : SENSORS) {
        float[] all = audio.get(sensor);
        List<TagEvent> mine = tags.stream().filter(e -> e.getSensorId().equals(sensor)).toList();
        int expected = all.length < 4000 ? 0 : (all.length - 4000) / 2000 + 1;
        assertThat(mine).as(sensor + " windows").hasSize(expected);
        for (int k = 0; k < expected; k++) {
          TagEvent e = mine.get(k);
          assertThat(e.getWindowStartMicros()).isEqualTo(TaggerDriver.T0 + k * 250_000L);
          assertThat(e.getWindowEndMicros()).isEqualTo(TaggerDriver.T0 + k * 250_000L + 500_000L);
          float[] want = session.score(List.of(Arrays.copyOfRange(all, k * 2000, k * 2000 + 4000)))[0];
          for (LabelScore s : e.getTopK()) {
            assertThat(s.getScore()).isCloseTo(want[TinyModel.CLASSES.indexOf(s.getLabel())], Offset.offset(1e-5f));
          }
          assertThat(e.getTopK()).hasSize(3);
        }
      }
    }
  }

  private static Send encoded(AudioChunk c, int samples) {
    return new Send(c.getSensorId(), ContractSerdes.audioChunk().serializer().serialize(Topics.AUDIO_CHUNKS, c), samples);
  }

  private static Send encoded(AudioChunk c) {
    return encoded(c, 0);
  }

  private static Send bad(Random r) {
    String sensor = SENSORS.get(r.nextInt(SENSORS.size()));
    AudioChunk.Builder ok = AudioChunk.newBuilder(TaggerDriver.chunk(sensor, 1, TaggerDriver.T0 + 250_000, TinyModel.RATE,
        new float[800]));
    return switch (r.nextInt(7)) {
      case 0 -> {
        byte[] junk = new byte[r.nextInt(100)];
        r.nextBytes(junk);
        yield new Send(sensor, junk, 0);
      }
      case 1 -> {
        float[] s = new float[800];
        s[r.nextInt(800)] = r.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
        yield encoded(TaggerDriver.chunk(sensor, 1, TaggerDriver.T0 + 250_000, TinyModel.RATE, s));
      }
      case 2 -> encoded(ok.setSampleRate(r.nextBoolean() ? 0 : 10_000_000).build());
      case 3 -> encoded(ok.setPayload(ByteBuffer.allocate(0)).build());
      case 4 -> new Send("someone-else", encoded(ok.build()).value(), 0);
      case 5 -> encoded(ok.setCaptureStartMicros(TaggerDriver.T0 - 60_000_000L).setSequence(1_000_000).build());
      default -> encoded(ok.setChannels(-1).build());
    };
  }

  private static List<Send> interleave(List<List<Send>> lists, Random r) {
    List<Send> out = new ArrayList<>();
    int[] at = new int[lists.size()];
    int left = lists.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int i = r.nextInt(lists.size());
      if (at[i] < lists.get(i).size()) {
        out.add(lists.get(i).get(at[i]++));
        left--;
      }
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
