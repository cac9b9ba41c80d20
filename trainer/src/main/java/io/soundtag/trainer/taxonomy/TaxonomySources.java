package io.soundtag.trainer.taxonomy;

import io.soundtag.core.audio.WavReader;
import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.LoadedClip;
import io.soundtag.trainer.clips.WindowCutter;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The clips of a folder-per-class dataset read through a taxonomy: every clip's dataset label
 * checked against it (a label it does not place is an error before anything trains), its source
 * package, and its fold among the dataset's package folds.
 */
public final class TaxonomySources {

  private final Taxonomy taxonomy;
  private final List<SourceClip> clips;

  private TaxonomySources(Taxonomy taxonomy, List<SourceClip> clips) {
    this.taxonomy = taxonomy;
    this.clips = clips;
  }

  /** The clips of the folder-per-class dataset {@code dir}; skipped rows go to {@code notes}. */
  public static TaxonomySources read(Taxonomy taxonomy, Path dir, BadRowPolicy badRows, Consumer<String> notes) {
    ClipCatalog catalog = DatasetReaders.read(DatasetFormat.FOLDER, dir, badRows, ClipLoader.decodableWav());
    catalog.skipped().forEach(row -> notes.accept("skipped " + row));
    List<SourceClip> clips = new ArrayList<>();
    catalog.clips().forEach(ref -> {
      String label = ref.labels().get(0);
      taxonomy.fineOf(label);
      clips.add(new SourceClip(ref, label, ref.origin().isBlank() ? "?" : ref.origin()));
    });
    return new TaxonomySources(taxonomy, List.copyOf(clips));
  }

  public List<SourceClip> clips() {
    return clips;
  }

  /** Clips per source package, what {@link PackageFolds#balanced} deals out. */
  public Map<String, Integer> clipsPerPackage() {
    Map<String, Integer> out = new LinkedHashMap<>();
    clips.forEach(c -> out.merge(c.sourcePackage(), 1, Integer::sum));
    return out;
  }

  /** The clips {@code keep} accepts. */
  public List<SourceClip> select(Predicate<SourceClip> keep) {
    return clips.stream().filter(keep).toList();
  }

  /** {@code chosen} decoded at {@code sampleRate} with targets over the taxonomy's fine classes. */
  public List<LoadedClip> load(List<SourceClip> chosen, int sampleRate) {
    List<LoadedClip> out = new ArrayList<>(chosen.size());
    for (SourceClip c : chosen) {
      try {
        out.add(new LoadedClip(c.ref(), WavReader.read(c.ref().path(), sampleRate).samples(), taxonomy.target(List.of(c.sourceLabel()))));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot decode " + c.ref().path() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** {@code chosen} cut into every window (hop: half a window), as the evaluation scores clips. */
  public ClipWindows evaluationWindows(List<SourceClip> chosen, int sampleRate, int windowSamples) {
    return new WindowCutter(windowSamples).evaluationWindows(load(chosen, sampleRate));
  }
}
