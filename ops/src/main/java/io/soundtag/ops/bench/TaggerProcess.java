package io.soundtag.ops.bench;

import io.soundtag.ops.cli.SoundtagCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code soundtag tag} in a JVM of its own, started with this JVM's classpath and the launcher's
 * settings (one intra-op thread per stream thread), so that its CPU is the tagger's alone: stream
 * threads, their producers and consumers, RocksDB, the garbage collector and the JIT compiler,
 * without the broker or the benchmark. Its output goes to a log file.
 */
final class TaggerProcess implements AutoCloseable {

  /** The tagger's Kafka Streams application id, which begins the names of its stream threads. */
  static final String APPLICATION_ID = "soundtag-catch-up";

  private final Process process;
  private final Path log;

  private TaggerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts an exactly-once tagger of {@code bundle} on {@code bootstrapServers}; it serves that model only. */
  static TaggerProcess start(String bootstrapServers, Path bundle, Path stateDir, int threads, int batchSize,
      long batchWaitMs, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = List.of(java, "-Xmx1g", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
        SoundtagCommand.class.getName(), "tag", "--bootstrap-servers", bootstrapServers, "--model", bundle.toString(),
        "--application-id", APPLICATION_ID, "--state-dir", stateDir.toString(), "--threads", String.valueOf(threads),
        "--batch-size", String.valueOf(batchSize), "--batch-wait-ms", String.valueOf(batchWaitMs),
        "--no-follow-models", "--metrics-port", "-1");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    return new TaggerProcess(builder.start(), log);
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** The last lines the tagger wrote, to say why it stopped. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
    }
  }

  /** Asks the tagger to shut down as on Ctrl-C (it commits and closes its stores), forcing it after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
