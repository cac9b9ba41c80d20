package io.soundtag.trainer.clips;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.trainer.dataset.ClipRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Label-free training windows from a folder of WAV files (any rate, channels and bit depth, in
 * any sub-folder), for teachers to label: each file decoded at the model's rate and cut like a
 * training clip into up to {@code crops} seeded windows. A file that does not decode, or is larger
 * than {@link #MAX_FILE_BYTES}, is skipped with a one-line reason.
 */
public final class UnlabelledAudio {

  /** Largest file read: 512 MiB (over 45 minutes of 16-bit stereo at 48 kHz). */
  public static final long MAX_FILE_BYTES = 512L << 20;

  private UnlabelledAudio() {}

  /**
   * @param skipped receives "file: reason" for every file left out
   * @return the windows, files in path order
   */
  public static List<float[]> windows(Path dir, int sampleRate, int windowSamples, int crops, long seed, Consumer<String> skipped)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("unlabelled audio " + dir + " is not a directory; give a folder of .wav files");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
          .sorted().toList();
    }
    List<LoadedClip> clips = new ArrayList<>();
    for (Path file : files) {
      try {
        if (Files.size(file) > MAX_FILE_BYTES) {
          skipped.accept(file + ": larger than " + (MAX_FILE_BYTES >> 20) + " MiB; split it");
          continue;
        }
        float[] samples = WavReader.read(file, sampleRate).samples();
        if (samples.length == 0) {
          skipped.accept(file + ": no samples");
          continue;
        }
        clips.add(new LoadedClip(new ClipRef(file, List.of(), null, "unlabelled", false), samples, new float[1]));
      } catch (IOException | RuntimeException e) {
        skipped.accept(file + ": " + e.getMessage());
      }
    }
    if (clips.isEmpty()) {
      throw new IOException("no decodable .wav file in " + dir);
    }
    return new WindowCutter(windowSamples).trainingCrops(clips, crops, seed).windows();
  }

  /**
   * Label-free windows from audio in memory (e.g. a site's recent sound read back from
   * {@code audio.chunks}): each clip resampled to the model's rate and cut into up to {@code crops}
   * seeded windows; empty clips are left out.
   */
  public static List<float[]> windows(List<MonoAudio> audio, int sampleRate, int windowSamples, int crops, long seed) {
    List<LoadedClip> clips = new ArrayList<>();
    for (int i = 0; i < audio.size(); i++) {
      float[] samples = audio.get(i).resampledTo(sampleRate).samples();
      if (samples.length > 0) {
        clips.add(new LoadedClip(new ClipRef(Path.of("unlabelled-" + i), List.of(), null, "unlabelled", false), samples, new float[1]));
      }
    }
    return clips.isEmpty() ? List.of() : new WindowCutter(windowSamples).trainingCrops(clips, crops, seed).windows();
  }
}
