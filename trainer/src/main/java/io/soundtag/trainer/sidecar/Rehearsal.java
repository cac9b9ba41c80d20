package io.soundtag.trainer.sidecar;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.ClipRef;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.job.LabelledAudio;
import io.soundtag.trainer.taxonomy.QuietAmbience;
import io.soundtag.trainer.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a taxonomy candidate trains on besides the site's labels, so that a few dozen site labels
 * do not make it forget what it was taught to ignore. Fine-tuned on site labels alone (mostly
 * clips of classes), a candidate learns that everything is something: on held-out recordings,
 * quiet windows that raised no tag raised one in half the cases after 36 site labels. Rehearsal
 * mixes back windows of quiet ambience (as negatives) and, optionally, folder-per-class replay sets
 * placed on the served taxonomy, such as the real recordings the shipped model learnt from. None
 * of it is ever a gate or validation clip: the gate still measures the site's own labels.
 *
 * @param replayDirs folder-per-class datasets; each label is placed on the served taxonomy (a fine
 *     class, one of its {@code from} labels, or a negative), and a clip with a label it does not
 *     place is left out
 * @param quietWindows windows of {@link QuietAmbience} that train as negatives; 0 for none
 */
public record Rehearsal(List<Path> replayDirs, int quietWindows) {

  /** Fixed, so that the same labels make the same candidate. */
  private static final long QUIET_SEED = 11;

  public Rehearsal {
    replayDirs = List.copyOf(replayDirs);
    if (quietWindows < 0) {
      throw new IllegalArgumentException("--quiet-windows must be 0 or more, got " + quietWindows);
    }
    for (Path dir : replayDirs) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("--replay " + dir + " is not a directory: give a folder with one sub-folder of WAV files"
            + " per label (scripts/build-real-clips.sh makes the real recordings the shipped model learnt from)");
      }
    }
  }

  /** No replay set; 150 quiet ambience windows, as the shipped real-audio model was trained with. */
  public static Rehearsal defaults() {
    return new Rehearsal(List.of(), 150);
  }

  /**
   * The clips, at their own rates (quiet windows at {@code sampleRate}).
   *
   * @param taxonomy the served taxonomy the replay labels are placed on
   * @param sampleRate the served model's rate
   * @param windowSamples the served model's window
   * @throws UncheckedIOException when a replay set cannot be read
   */
  List<LabelledAudio> clips(Taxonomy taxonomy, int sampleRate, int windowSamples) {
    List<LabelledAudio> out = new ArrayList<>();
    for (Path dir : replayDirs) {
      ClipCatalog catalog = DatasetReaders.read(DatasetFormat.FOLDER, dir, BadRowPolicy.SKIP);
      for (ClipRef clip : catalog.clips()) {
        if (!clip.labels().stream().allMatch(taxonomy::places)) {
          continue;
        }
        out.add(new LabelledAudio("replay:" + dir.getFileName() + "/" + dir.relativize(clip.path()), read(clip.path()),
            taxonomy.fineClassesOf(clip.labels())));
      }
    }
    List<float[]> quiet = QuietAmbience.windows(quietWindows, windowSamples, QUIET_SEED);
    for (int i = 0; i < quiet.size(); i++) {
      out.add(new LabelledAudio("quiet-ambience:" + i, new MonoAudio(quiet.get(i), sampleRate), List.of()));
    }
    return out;
  }

  private static MonoAudio read(Path file) {
    try {
      return WavReader.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the replay clip " + file + ": " + e.getMessage(), e);
    }
  }
}
