package io.soundtag.ops.model;

import io.soundtag.core.bundle.InvalidBundleException;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.recipe.Recipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Finds the bundle a command serves: the file given, or one of the two models shipped inside
 * soundtag (see the README's "The default model"): {@link #SIMULATED}, trained on the procedural
 * city that {@code soundtag demo} plays, and {@link #REAL}, trained on real recordings and the
 * simulated scenes together, for real microphones.
 */
public final class DefaultModel {

  /** Classpath location of the model of the simulated city (the demo's). */
  public static final String SIMULATED = "/models/urban-sounds.bundle";
  /** Classpath location of the model for real microphones ({@code soundtag tag}'s). */
  public static final String REAL = "/models/real-sounds.bundle";

  private DefaultModel() {}

  /** The bundle at {@code file}, or the shipped model of the simulated city when {@code file} is null. */
  public static ModelBundle load(Path file) {
    return file != null ? read(file) : shipped(SIMULATED);
  }

  /** The bundle at {@code file}, or the shipped model for real microphones when {@code file} is null. */
  public static ModelBundle loadForMicrophones(Path file) {
    return file != null ? read(file) : shipped(REAL);
  }

  /** One line: which model, its classes, how it was trained and on what. */
  public static String describe(ModelBundle bundle) {
    var m = bundle.manifest();
    String data = m.provenance().getOrDefault("data", "data not recorded");
    return m.modelName() + ":" + m.version() + " (" + m.classes().size() + " classes: " + String.join(", ", m.classes())
        + "), " + howTrained(m.provenance().get("recipe")) + ", trained on " + data;
  }

  /** The recipe a bundle records, said as what it means for the served student. */
  static String howTrained(String recipe) {
    if (recipe == null) {
      return "recipe not recorded";
    }
    return Recipe.named(recipe).map(Recipe::servedStudent).orElse("recipe " + recipe);
  }

  private static ModelBundle read(Path file) {
    try {
      return ModelBundle.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model bundle " + file + ": " + e.getMessage(), e);
    }
  }

  private static ModelBundle shipped(String resource) {
    try (InputStream in = DefaultModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidBundleException("this build ships no model " + resource + "; pass --model FILE");
      }
      return ModelBundle.fromBytes(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped model " + resource, e);
    }
  }
}
