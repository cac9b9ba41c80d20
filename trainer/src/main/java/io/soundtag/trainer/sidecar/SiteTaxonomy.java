package io.soundtag.trainer.sidecar;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.ClipSummary;
import io.soundtag.trainer.labels.LabelSnapshot;
import io.soundtag.trainer.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The taxonomy the served bundle carries (its provenance {@code taxonomy_json}), applied to a
 * site's labels. A candidate of a taxonomy model keeps the served classes in the served order and
 * its coarse groups, whatever the site labelled: the taggers and the gate compare per class, and a
 * class nobody labelled at this site must not vanish from the model.
 *
 * <p>A label is placed as {@link Taxonomy#fineOf} places it: a fine class's name or one of its
 * source labels trains that class; a taxonomy negative, like a clip labelled {@code --negative},
 * trains as an all-zero target. A clip with a label the taxonomy does not place is left out of the
 * run, and {@link Placed#note} says which labels did that.
 *
 * @param taxonomy the served bundle's taxonomy
 * @param json the taxonomy as the served bundle records it, carried over to the candidate as is
 * @param coarseTaxonomy the served bundle's fine class → coarse group
 */
record SiteTaxonomy(Taxonomy taxonomy, String json, Map<String, String> coarseTaxonomy) {

  /** The provenance key under which a bundle carries its taxonomy. */
  static final String PROVENANCE_KEY = "taxonomy_json";

  /**
   * The site's labels placed on the taxonomy.
   *
   * @param snapshot the clips the taxonomy places, their labels now fine class names (none for a negative)
   * @param unplaced each label the taxonomy does not place, with the number of clips left out for it
   */
  record Placed(LabelSnapshot snapshot, Map<String, Integer> unplaced) {

    /** One line on the clips left out, or empty when every label was placed. */
    String note() {
      if (unplaced.isEmpty()) {
        return "";
      }
      return "left out clips with labels the served taxonomy does not place " + unplaced
          + " (label them with its fine class names or --negative, or add the labels to its classes' \"from\" or \"negatives\")";
    }
  }

  /**
   * The taxonomy of the served bundle, or empty when nothing is served or its bundle carries none.
   *
   * @throws IllegalStateException when the bundle's taxonomy cannot be read or names other classes than the bundle
   */
  static Optional<SiteTaxonomy> of(ModelBundle served) {
    if (served == null) {
      return Optional.empty();
    }
    BundleManifest m = served.manifest();
    String json = m.provenance().get(PROVENANCE_KEY);
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    String where = "of the served bundle " + m.modelName() + ":" + m.version();
    Taxonomy taxonomy;
    try {
      taxonomy = Taxonomy.parse(json, where);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage() + "; publish a bundle whose taxonomy_json is the taxonomy it was trained on", e);
    }
    if (!taxonomy.classNames().equals(m.classes())) {
      throw new IllegalStateException("the taxonomy " + where + " has the classes " + taxonomy.classNames() + " but the bundle "
          + m.classes() + "; publish a bundle whose taxonomy_json is the taxonomy it was trained on");
    }
    return Optional.of(new SiteTaxonomy(taxonomy, json, m.coarseTaxonomy()));
  }

  /** The candidate's classes: the taxonomy's, which are the served bundle's, in their order. */
  List<String> classes() {
    return taxonomy.classNames();
  }

  /** The clips of {@code snapshot} with their labels placed on the taxonomy; clips it cannot place are left out. */
  Placed place(LabelSnapshot snapshot) {
    List<CachedClip> placed = new ArrayList<>();
    Map<String, Integer> unplaced = new TreeMap<>();
    for (CachedClip clip : snapshot.clips()) {
      List<String> notPlaced = clip.labels().stream().filter(l -> !taxonomy.places(l)).toList();
      if (!notPlaced.isEmpty()) {
        notPlaced.forEach(l -> unplaced.merge(l, 1, Integer::sum));
        continue;
      }
      List<String> fine = taxonomy.fineClassesOf(clip.labels());
      ClipSummary s = clip.summary();
      placed.add(new CachedClip(new ClipSummary(s.clipId(), fine, fine.isEmpty(), s.split(), s.annotator(), s.origin(),
          s.sampleRate(), s.samples(), s.createdAtMillis()), clip.file()));
    }
    return new Placed(new LabelSnapshot(snapshot.topic(), snapshot.endOffsets(), placed, snapshot.labelSetHash(), snapshot.rejected()),
        unplaced);
  }
}
