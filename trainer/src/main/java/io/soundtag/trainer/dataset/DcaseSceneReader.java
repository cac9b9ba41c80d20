package io.soundtag.trainer.dataset;

import io.soundtag.core.bundle.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DCASE acoustic scene development sets (TUT Urban Acoustic Scenes 2018, TAU Urban Acoustic Scenes
 * 2019/2020 Mobile): tab-separated {@code meta.csv} ({@code filename scene_label identifier
 * source_label}, filename relative to the root, e.g. {@code audio/airport-barcelona-0-0-a.wav}) and,
 * when present, the {@code evaluation_setup/fold1_train.csv} and {@code fold1_evaluate.csv}
 * (tab-separated {@code filename scene_label}, header optional, {@code .txt} in older releases).
 *
 * <p>With an evaluation setup, clips are in fold {@code train} or {@code evaluate} (the official
 * development test set) and clips in neither are left out; the default split tests on
 * {@code evaluate} and validates on a 10 % hash share of train. Without one, folds are absent and
 * the default split is a 10 % / 10 % hash split. Scenes map to the coarse classes indoor, outdoor
 * and transportation used for hierarchical ASC (Bai et al., "Hierarchical Acoustic Scene Classification with Knowledge Distillation and Pre-trained Dynamic Networks", after Bear et al.).
 */
final class DcaseSceneReader implements CatalogReader {

  private static final Logger LOG = LoggerFactory.getLogger(DcaseSceneReader.class);

  /** Coarse class of every scene label the TUT/TAU releases use. */
  static final Map<String, String> COARSE = Map.ofEntries(
      Map.entry("airport", "indoor"),
      Map.entry("shopping_mall", "indoor"),
      Map.entry("metro_station", "indoor"),
      Map.entry("street_pedestrian", "outdoor"),
      Map.entry("public_square", "outdoor"),
      Map.entry("street_traffic", "outdoor"),
      Map.entry("park", "outdoor"),
      Map.entry("tram", "transportation"),
      Map.entry("bus", "transportation"),
      Map.entry("metro", "transportation"),
      Map.entry("cafe/restaurant", "indoor"),
      Map.entry("grocery_store", "indoor"),
      Map.entry("home", "indoor"),
      Map.entry("library", "indoor"),
      Map.entry("office", "indoor"),
      Map.entry("beach", "outdoor"),
      Map.entry("city_center", "outdoor"),
      Map.entry("forest_path", "outdoor"),
      Map.entry("residential_area", "outdoor"),
      Map.entry("car", "transportation"),
      Map.entry("train", "transportation"));

  private record MetaRow(long line, String scene, String origin) {}

  @Override
  public ClipCatalog read(Path root, BadRowPolicy policy, ClipValidator validator) {
    CsvTable meta = CsvTable.withHeader(root.resolve("meta.csv"), '\t', List.of("filename", "scene_label"));
    AudioFileCheck check = new AudioFileCheck(policy, validator);
    Map<String, MetaRow> rows = new LinkedHashMap<>();
    for (CsvRow row : meta.rows()) {
      String file = row.get("filename");
      String scene = row.get("scene_label");
      if (file.isEmpty() || scene.isEmpty()) {
        check.bad(meta.file(), row.line(), "needs a filename and a scene_label");
        continue;
      }
      String origin = meta.header().contains("identifier") ? row.get("identifier") : "";
      rows.put(file, new MetaRow(row.line(), scene, origin));
    }
    Map<String, String> foldOf = foldsOf(root.resolve("evaluation_setup"), rows, check);
    List<ClipRef> clips = new ArrayList<>();
    int unassigned = 0;
    for (Map.Entry<String, MetaRow> entry : rows.entrySet()) {
      String fold = foldOf.get(entry.getKey());
      if (!foldOf.isEmpty() && fold == null) {
        unassigned++;
        continue;
      }
      MetaRow row = entry.getValue();
      Path audio = root.resolve(entry.getKey());
      if (check.usable(audio, meta.file(), row.line())) {
        clips.add(new ClipRef(audio, List.of(row.scene()), fold, row.origin(), true));
      }
    }
    if (unassigned > 0) {
      LOG.info("{} clips of {} are in neither fold1_train nor fold1_evaluate; left out", unassigned, meta.file());
    }
    TreeSet<String> scenes = new TreeSet<>();
    clips.forEach(c -> scenes.addAll(c.labels()));
    Map<String, String> coarseOf = new HashMap<>();
    scenes.stream().filter(COARSE::containsKey).forEach(s -> coarseOf.put(s, COARSE.get(s)));
    SplitRule split = foldOf.isEmpty() ? new HashSplit(10, 10) : new FoldSplit(Set.of(), Set.of("evaluate"), 10);
    return new ClipCatalog("dcase-asc", TaskType.SINGLE_LABEL, List.copyOf(scenes), clips, coarseOf, split,
        check.skipped());
  }

  /** filename → "train" / "evaluate" from the fold-1 setup; empty without one. */
  private static Map<String, String> foldsOf(Path setup, Map<String, MetaRow> meta, AudioFileCheck check) {
    Map<String, String> folds = new HashMap<>();
    for (String fold : List.of("train", "evaluate")) {
      Path file = setupFile(setup, fold);
      if (file == null) {
        continue;
      }
      for (CsvRow row : CsvTable.withoutHeader(file, '\t').rows()) {
        String name = row.get(0);
        if (name.equals("filename")) {
          continue;
        }
        MetaRow known = meta.get(name);
        if (known == null) {
          check.bad(file, row.line(), name + " is not in meta.csv");
          continue;
        }
        String scene = row.get(1);
        if (!scene.isEmpty() && !scene.equals(known.scene())) {
          check.bad(file, row.line(), "unknown class: scene '" + scene + "' but meta.csv says '" + known.scene() + "'");
          continue;
        }
        folds.put(name, fold);
      }
    }
    return folds;
  }

  private static Path setupFile(Path setup, String fold) {
    for (String ext : List.of(".csv", ".txt")) {
      Path file = setup.resolve("fold1_" + fold + ext);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }
}
