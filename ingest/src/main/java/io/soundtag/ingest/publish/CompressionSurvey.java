package io.soundtag.ingest.publish;

import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.core.synth.SensorScene;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * Measures Kafka's codecs on what ingest actually sends: PCM16 chunks of simulated city audio,
 * compressed in producer-sized batches with the producer's own codec classes. Reports, per codec,
 * the compressed size as a fraction of the raw size and the compression speed relative to the
 * fastest codec of the same run.
 */
public final class CompressionSurvey {

  /** One codec's result. */
  public record Result(String codec, double sizeRatio, double megabytesPerSecond) {}

  private CompressionSurvey() {}

  /**
   * @param sensors simulated sensors to draw audio from
   * @param seconds seconds of audio per sensor
   * @param batchBytes batch size (the producer's {@code batch.size})
   */
  public static List<Result> measure(int sampleRate, int sensors, int seconds, int batchBytes) {
    List<byte[]> batches = new ArrayList<>();
    ByteBuffer batch = ByteBuffer.allocate(batchBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int s = 0; s < sensors; s++) {
      SensorScene scene = SensorScene.create("survey-" + s, 11, SceneConfig.defaults(sampleRate));
      for (int sec = 0; sec < seconds; sec++) {
        for (float v : scene.next(sampleRate)) {
          if (!batch.hasRemaining()) {
            batches.add(batch.array().clone());
            batch.clear();
          }
          batch.putShort(ChunkPayload.toPcm16(v));
        }
      }
    }
    List<Result> results = new ArrayList<>();
    for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
      Compression compression = Compression.of(codec).build();
      compressAll(compression, batches, 2);
      long start = System.nanoTime();
      long compressed = compressAll(compression, batches, 3);
      double secondsTaken = (System.nanoTime() - start) / 1e9;
      long raw = 3L * batches.size() * batchBytes;
      results.add(new Result(codec, (double) compressed / raw, raw / 1e6 / secondsTaken));
    }
    return results;
  }

  private static long compressAll(Compression compression, List<byte[]> batches, int rounds) {
    long total = 0;
    for (int r = 0; r < rounds; r++) {
      for (byte[] b : batches) {
        ByteBufferOutputStream out = new ByteBufferOutputStream(b.length + 1024);
        try (OutputStream wrapped = compression.wrapForOutput(out, (byte) 2)) {
          wrapped.write(b);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        total += out.position();
      }
    }
    return total;
  }

  /** Prints the table: {@code java … CompressionSurvey [rate] [sensors] [seconds]}. */
  public static void main(String[] args) {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 32_000;
    int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    System.out.printf("%-7s %10s %10s%n", "codec", "size", "MB/s");
    for (Result r : measure(rate, sensors, seconds, 256 * 1024)) {
      System.out.printf("%-7s %9.1f%% %10.0f%n", r.codec(), 100 * r.sizeRatio(), r.megabytesPerSecond());
    }
  }
}
