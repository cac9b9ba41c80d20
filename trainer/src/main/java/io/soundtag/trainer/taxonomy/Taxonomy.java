package io.soundtag.trainer.taxonomy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fine classes in coarse groups, and how the labels of each training source map onto them. Read
 * from a JSON file ({@code {"name", "classes": [{"name", "coarse", "from": [...]}], "negatives":
 * [...]}}); the built-in one, {@link #builtIn()}, is the shipped real-audio model's.
 *
 * <p>A source label is either a fine class (its name or one of its {@code from} labels), or a
 * negative: audio that is none of the classes and trains as an all-zero target. Any other label
 * is an error, so a dataset with a class nobody placed is never trained on by accident.
 *
 * @param name the taxonomy's name, which becomes the model's
 * @param classes the fine classes in output order
 * @param negatives source labels that mean "none of these classes"
 */
public record Taxonomy(String name, List<FineClass> classes, List<String> negatives) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();
  private static final String BUILT_IN = "/io/soundtag/trainer/taxonomy/real-sounds.json";

  public Taxonomy {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a taxonomy needs a name");
    }
    if (classes == null || classes.isEmpty()) {
      throw new IllegalArgumentException("taxonomy " + name + " has no classes");
    }
    classes = List.copyOf(classes);
    negatives = negatives == null ? List.of() : List.copyOf(negatives);
    Map<String, String> seen = new LinkedHashMap<>();
    for (FineClass c : classes) {
      if (c.coarse().isBlank()) {
        throw new IllegalArgumentException("taxonomy " + name + ": class " + c.name() + " needs a coarse group");
      }
      for (String label : sourceLabels(c)) {
        String before = seen.put(label, c.name());
        if (before != null && !before.equals(c.name())) {
          throw new IllegalArgumentException("taxonomy " + name + ": label '" + label + "' maps to both " + before + " and " + c.name());
        }
      }
    }
    for (String n : negatives) {
      if (seen.containsKey(n)) {
        throw new IllegalArgumentException("taxonomy " + name + ": '" + n + "' is both a negative and a source of " + seen.get(n));
      }
    }
  }

  /** The taxonomy of the shipped real-audio model (see the README's "The default model"). */
  public static Taxonomy builtIn() {
    try (InputStream in = Taxonomy.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the built-in taxonomy " + BUILT_IN + " is missing from this build");
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in taxonomy", e);
    }
  }

  /** A taxonomy file; {@code builtin} names the built-in one. */
  public static Taxonomy read(Path file) {
    if (file.toString().equals("builtin")) {
      return builtIn();
    }
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the taxonomy " + file + ": " + e.getMessage(), e);
    }
  }

  /** A taxonomy from its JSON text; {@code where} names the source in errors. */
  public static Taxonomy parse(String json, String where) {
    try {
      return JSON.readValue(json, Taxonomy.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("taxonomy " + where + " is not valid: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** This taxonomy as JSON, as {@link #parse} reads it (the bundle carries it in its provenance). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fine class names, in output order. */
  public List<String> classNames() {
    return classes.stream().map(FineClass::name).toList();
  }

  /** The coarse groups, in the order their first class appears. */
  public List<String> coarseGroups() {
    Set<String> groups = new LinkedHashSet<>();
    classes.forEach(c -> groups.add(c.coarse()));
    return List.copyOf(groups);
  }

  /** Fine class → coarse group, as the bundle's {@code coarseTaxonomy}. */
  public Map<String, String> coarseOf() {
    Map<String, String> out = new LinkedHashMap<>();
    classes.forEach(c -> out.put(c.name(), c.coarse()));
    return out;
  }

  /** Whether {@code label} is audio of none of the classes. */
  public boolean isNegative(String label) {
    return negatives.contains(label);
  }

  /** Whether {@code label} is a class's name or source label, or a negative: whether {@link #fineOf} knows it. */
  public boolean places(String label) {
    return isNegative(label) || classes.stream().anyMatch(c -> sourceLabels(c).contains(label));
  }

  /** The fine class {@code label} trains, or empty for a negative. */
  public Optional<String> fineOf(String label) {
    for (FineClass c : classes) {
      if (sourceLabels(c).contains(label)) {
        return Optional.of(c.name());
      }
    }
    if (isNegative(label)) {
      return Optional.empty();
    }
    throw new IllegalArgumentException("label '" + label + "' is neither a class nor a negative of taxonomy " + name
        + ": add it to a class's \"from\" or to \"negatives\"");
  }

  /**
   * The fine classes audio labelled {@code labels} trains, in label order and each once; none when
   * every label is a negative.
   *
   * @throws IllegalArgumentException for a label it does not {@link #places place}
   */
  public List<String> fineClassesOf(List<String> labels) {
    Set<String> fine = new LinkedHashSet<>();
    labels.forEach(l -> fineOf(l).ifPresent(fine::add));
    return List.copyOf(fine);
  }

  /** The target over the fine classes of audio labelled {@code labels} (all zero for negatives). */
  public float[] target(List<String> labels) {
    List<String> names = classNames();
    float[] t = new float[names.size()];
    for (String label : labels) {
      fineOf(label).ifPresent(f -> t[names.indexOf(f)] = 1f);
    }
    return t;
  }

  /** {@code sourceTarget} over {@code sourceClasses} (e.g. the simulated ones) mapped onto the fine classes. */
  public float[] target(float[] sourceTarget, List<String> sourceClasses) {
    List<String> present = new ArrayList<>();
    for (int k = 0; k < sourceTarget.length; k++) {
      if (sourceTarget[k] > 0.5f) {
        present.add(sourceClasses.get(k));
      }
    }
    return target(present);
  }

  private static Set<String> sourceLabels(FineClass c) {
    Set<String> labels = new LinkedHashSet<>();
    labels.add(c.name());
    labels.addAll(c.from());
    return labels;
  }
}
