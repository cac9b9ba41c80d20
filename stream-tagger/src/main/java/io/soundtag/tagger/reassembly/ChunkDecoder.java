package io.soundtag.tagger.reassembly;

import io.soundtag.core.chunk.BadChunkException;
import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.schemas.AudioChunk;

/**
 * Checks that a record's key is its chunk's sensor id, then decodes the chunk to mono samples
 * with the project's chunk codec ({@link ChunkPayload}); a chunk it cannot use is a
 * {@link RejectedChunk} naming its dead-letter reason.
 */
public final class ChunkDecoder {

  private ChunkDecoder() {}

  /** The chunk's mono samples, or a rejection saying what is wrong with it. */
  public static float[] decodeMono(String key, AudioChunk chunk) throws RejectedChunk {
    if (chunk.getSensorId() != null && !chunk.getSensorId().isBlank()) {
      if (key == null) {
        throw new RejectedChunk(DeadLetterReason.BAD_SENSOR_ID,
            "record has no key; key chunks by sensor id so each sensor's chunks stay in order on one partition");
      }
      if (!key.equals(chunk.getSensorId())) {
        throw new RejectedChunk(DeadLetterReason.BAD_SENSOR_ID,
            "record key '" + key + "' differs from the chunk's sensor id '" + chunk.getSensorId() + "'");
      }
    }
    try {
      return ChunkPayload.decodeMono(chunk);
    } catch (BadChunkException e) {
      throw new RejectedChunk(DeadLetterReason.valueOf(e.problem().name()), e.getMessage());
    }
  }
}
