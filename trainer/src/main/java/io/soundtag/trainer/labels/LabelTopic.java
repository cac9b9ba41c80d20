package io.soundtag.trainer.labels;

import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code audio.labels} holds now, read once from the beginning without keeping any audio:
 * for {@code soundtag label stats} and anything else that needs the clips' labels but not their
 * samples.
 *
 * @param clips the clips in the topic by id, deletions applied
 * @param rejected records that could not be used (not a clip, id not matching its audio, …)
 * @param endOffsets the end offset of each partition read up to
 */
public record LabelTopic(Map<String, ClipSummary> clips, int rejected, Map<Integer, Long> endOffsets) {

  public LabelTopic {
    clips = Map.copyOf(clips);
    endOffsets = Map.copyOf(endOffsets);
  }

  /** Reads {@code audio.labels}. */
  public static LabelTopic read(KafkaConnection kafka) {
    return read(kafka, Topics.AUDIO_LABELS);
  }

  /**
   * Reads {@code topic} from its beginning to its current end.
   *
   * @throws IllegalStateException when the topic does not exist or the brokers do not answer
   */
  public static LabelTopic read(KafkaConnection kafka, String topic) {
    Map<String, ClipSummary> clips = new HashMap<>();
    int[] rejected = {0};
    try (LabelLog log = new LabelLog(kafka, topic)) {
      Map<Integer, Long> ends = log.read(Map.of(), (List<LabelLog.Change> changes, Map<Integer, Long> next) -> {
        for (LabelLog.Change c : changes) {
          if (c.clip() != null) {
            clips.put(c.clipId(), ClipSummary.of(c.clip()));
          } else {
            if (c.clipId() != null) {
              clips.remove(c.clipId());
            }
            rejected[0] += c.problem() != null ? 1 : 0;
          }
        }
      });
      return new LabelTopic(clips, rejected[0], ends);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The counts per class, split, annotator and origin. */
  public LabelCounts counts() {
    return LabelCounts.of(clips.values());
  }
}
