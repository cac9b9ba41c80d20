package io.soundtag.ops.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python process running one of the peer scripts shipped under {@code io/soundtag/ops/bench/},
 * kept alive so that its measurements can be interleaved with the Java ones: each request is one
 * line on its stdin, each answer one line on its stdout. The script prints {@code ready} once it
 * has loaded; anything else before that (a traceback) is the reason it could not start.
 */
public final class PythonPeer implements AutoCloseable {

  /**
   * glibc malloc settings that keep large buffers on the heap and reuse them instead of mapping
   * and unmapping them on every call: how a Python user tunes torch's allocations.
   */
  public static final String TUNED_MALLOC =
      "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=268435456:glibc.malloc.top_pad=67108864";

  private final String label;
  private final Process process;
  private final Path script;
  private final BufferedReader replies;
  private final Writer requests;

  private PythonPeer(String label, Process process, Path script) {
    this.label = label;
    this.process = process;
    this.script = script;
    this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /**
   * Starts {@code python script args…} with {@code glibcTunables} (null: glibc's defaults) and
   * waits for it to say {@code ready}; if it cannot, prints why to {@code out} and returns empty.
   */
  public static Optional<PythonPeer> start(String label, String python, String resource, List<String> args,
      String glibcTunables, PrintWriter out) throws IOException, InterruptedException {
    Path script = Files.createTempFile("soundtag-peer", ".py");
    try (InputStream in = PythonPeer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("peer script " + resource + " is missing from the jar");
      }
      Files.write(script, in.readAllBytes());
    }
    List<String> command = new ArrayList<>(List.of(python, "-u", script.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.remove("GLIBC_TUNABLES");
    if (glibcTunables != null) {
      env.put("GLIBC_TUNABLES", glibcTunables);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      Files.deleteIfExists(script);
      out.printf("%s skipped: cannot run %s (%s)%n", label, python, e.getMessage());
      return Optional.empty();
    }
    PythonPeer peer = new PythonPeer(label, process, script);
    List<String> said = new ArrayList<>();
    String line;
    while ((line = peer.replies.readLine()) != null && !line.equals("ready")) {
      said.add(line);
    }
    if (line == null) {
      peer.close();
      String last = said.isEmpty() ? "no output" : said.get(said.size() - 1);
      String reason = last.contains("No module named")
          ? last.replaceFirst(".*No module named ", "missing Python module ") + " for " + python
              + " (Debian: python3-torch, python3-torchaudio, python3-scipy, python3-confluent-kafka)"
          : last;
      out.printf("%s skipped: %s%n", label, reason);
      return Optional.empty();
    }
    return Optional.of(peer);
  }

  /** What the tables call this peer. */
  public String label() {
    return label;
  }

  /** The Python process, for its CPU time. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** What the script printed after {@code ready} up to its exit: read only once it has exited. */
  public String outputAfterExit() {
    List<String> lines = new ArrayList<>();
    try {
      String line;
      while ((line = replies.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(its output cannot be read: " + e.getMessage() + ")");
    }
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** Sends one request line and returns the answer's whitespace-separated fields. */
  public String[] ask(String request) {
    try {
      requests.write(request + "\n");
      requests.flush();
      String line = replies.readLine();
      if (line == null) {
        throw new IllegalStateException(label + " exited while answering '" + request + "'");
      }
      if (line.startsWith("error")) {
        throw new IllegalStateException(label + " could not answer '" + request + "': " + line);
      }
      return line.trim().split("\\s+");
    } catch (IOException e) {
      throw new UncheckedIOException(label + " stopped answering", e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      requests.close();
    } catch (IOException e) {
      // Already gone: nothing left to tell it.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
