package io.soundtag.trainer.protocol;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.trainer.dataset.ClipRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The protocol's folder of other audio for label-free views: every {@code .wav} under it except
 * those whose samples equal one of the dataset's clips, so that no clip a fold tests on can reach a
 * logit store this way (a copy under another name is the usual accident).
 */
final class UnlabelledFolder {

  private UnlabelledFolder() {}

  /**
   * @param dir the folder (searched recursively, files in path order)
   * @param clips the dataset's clips, all folds
   * @param note receives one line per file left out and a summary
   */
  static List<MonoAudio> read(Path dir, List<ClipRef> clips, Consumer<String> note) {
    Set<Integer> clipHashes = new HashSet<>();
    for (ClipRef clip : clips) {
      try {
        clipHashes.add(Arrays.hashCode(WavReader.read(clip.path()).samples()));
      } catch (IOException e) {
        note.accept("cannot read " + clip.path() + " to compare it with the unlabelled audio: " + e.getMessage());
      }
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the unlabelled folder " + dir + " (give a folder of .wav files): " + e.getMessage(), e);
    }
    List<MonoAudio> read = new ArrayList<>();
    int same = 0;
    for (Path file : files) {
      try {
        MonoAudio audio = WavReader.read(file);
        // a hash collision only costs one unlabelled file
        if (clipHashes.contains(Arrays.hashCode(audio.samples()))) {
          same++;
          note.accept("left out " + file + ": its samples equal a clip of the dataset");
        } else {
          read.add(audio);
        }
      } catch (IOException e) {
        note.accept("skipped the unlabelled file " + file + ": " + e.getMessage());
      }
    }
    note.accept(read.size() + " unlabelled files from " + dir + (same > 0 ? " (" + same + " equal to clips of the dataset, left out)" : ""));
    return List.copyOf(read);
  }
}
