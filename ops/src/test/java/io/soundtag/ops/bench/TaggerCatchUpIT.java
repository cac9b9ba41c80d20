package io.soundtag.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.soundtag.ops.model.DefaultModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The catch-up of {@code bench tagger --peer python} on a tiny backlog: both taggers tag every
 * window, and the Python tagger (torchaudio and the exported student) names the same best label
 * as soundtag's for every one.
 */
class TaggerCatchUpIT {

  private static final String PYTHON = "/usr/bin/python3";

  @Test
  void thePythonTaggerTagsEveryWindowWithSoundtagsBestLabel() throws Exception {
    assumePythonHas("torch, torchaudio, confluent_kafka, numpy");
    StringWriter log = new StringWriter();
    TaggerCatchUp.Outcome o = TaggerCatchUp.run(DefaultModel.load(null), null,
        new TaggerCatchUp.Settings(3, 6, 2, 1, 32, 50, 2, PYTHON), new PrintWriter(log, true));

    // 3 sensors × 12 chunks of 0.5 s: 11 one-second windows every 0.5 s each.
    assertThat(o.soundtag().tagged()).as(log.toString()).isEqualTo(33).isEqualTo(o.soundtag().expected());
    assertThat(o.peer()).as(log.toString()).isPresent();
    assertThat(o.peer().get().tagged()).isEqualTo(33);
    assertThat(o.peerLabels().keySet()).isEqualTo(o.soundtagLabels().keySet());
    assertThat(o.peerLabels()).isEqualTo(o.soundtagLabels());
  }

  private static void assumePythonHas(String modules) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(PYTHON, "-c", "import " + modules).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "skipped: cannot run " + PYTHON + " (" + e.getMessage() + ")");
      return;
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor(60, TimeUnit.SECONDS);
    assumeTrue(p.exitValue() == 0, "skipped: " + PYTHON + " cannot import " + modules + ": " + said);
  }
}
