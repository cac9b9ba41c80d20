package io.soundtag.tagger.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.inference.ServingModel;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.TinyModel;
import io.soundtag.tagger.scoring.BatchPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** A forward pass that fails puts its windows on audio.chunks.dlq, keyed by sensor, and the stream goes on. */
class InferenceFailureTopologyTest {

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (0.1 * r.nextGaussian());
    }
    return v;
  }

  @Test
  void windowsOfAFailedBatchGoToTheDeadLetterTopicWithTheReasonAndLaterWindowsAreTagged() {
    ServingModel model = TinyModel.serving("v1");
    try (TaggerDriver t = new TaggerDriver(model, new BatchPolicy(8, 20))) {
      long seq = 0;
      for (; seq < 2; seq++) {
        t.send(TaggerDriver.chunk("s1", seq, TaggerDriver.T0 + seq * 250_000L, TinyModel.RATE, noise(2000, seq)));
      }
      t.flush();
      assertThat(t.allTags()).hasSize(1);

      // Native resources gone under the running session: every forward pass fails until a new model serves.
      model.close();
      for (; seq < 5; seq++) {
        t.send(TaggerDriver.chunk("s1", seq, TaggerDriver.T0 + seq * 250_000L, TinyModel.RATE, noise(2000, seq)));
      }
      t.flush();
      assertThat(t.allTags()).isEmpty();
      List<TestRecord<byte[], DeadLetter>> dead = t.deadLetters.readRecordsToList();
      assertThat(dead).hasSize(3).allSatisfy(r -> {
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s1");
        assertThat(r.value().getReasonCode()).isEqualTo("INFERENCE_FAILED");
        assertThat(r.value().getTopic()).isEqualTo(Topics.AUDIO_CHUNKS);
        assertThat(r.value().getMessage()).contains("inference failed on tiny:v1");
      });
      assertThat(t.metrics.deadLetters.labelValues("INFERENCE_FAILED").get()).isEqualTo(3);

      t.models.swap(TinyModel.serving("v2"));
      for (; seq < 7; seq++) {
        t.send(TaggerDriver.chunk("s1", seq, TaggerDriver.T0 + seq * 250_000L, TinyModel.RATE, noise(2000, seq)));
      }
      t.flush();
      assertThat(t.allTags()).hasSize(2).allSatisfy(e -> assertThat(e.getModelVersion()).isEqualTo("tiny:v2"));
      assertThat(t.deadLetters.isEmpty()).isTrue();
    }
  }
}
