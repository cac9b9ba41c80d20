package io.soundtag.core.release;

import io.soundtag.schemas.ReleaseDecision;
import java.util.Map;
import java.util.Objects;

/**
 * What a publisher says about a release it is about to make: the deployment, the decision and where
 * the model came from. The release log adds the release number and the parent (the release current
 * when it is written) and {@link ReleaseEnvelope#seal} the bundle's own identity.
 *
 * <pre>{@code
 * ReleaseLineage lineage = ReleaseLineage.published("urban-sounds", "model publish by alice")
 *     .withRecipe(recipeJson).withGate(candidateFigures, servedFigures).withLabels(snapshot);
 * }</pre>
 *
 * @param deployment the deployment taggers follow
 * @param decision PUBLISHED by hand, PROMOTED or REFUSED by the gate, ROLLBACK
 * @param labels the label snapshot it was trained on, or null when not trained from the label topic
 * @param recipe how it was trained (a command line or recipe JSON); empty when unknown
 * @param gateFigures the candidate's figures on the gate set (may be empty)
 * @param parentGateFigures the parent's figures on the same gate set (may be empty)
 * @param classesChanged the classes differ from the parent's on purpose
 * @param createdBy who or what made it
 */
public record ReleaseLineage(
    String deployment, ReleaseDecision decision, LabelSnapshot labels, String recipe,
    Map<String, Double> gateFigures, Map<String, Double> parentGateFigures, boolean classesChanged, String createdBy) {

  public ReleaseLineage {
    if (!ModelId.isDeploymentName(deployment)) {
      throw new IllegalArgumentException("a deployment name is letters, digits, '.', '_' or '-', got '" + deployment + "'");
    }
    Objects.requireNonNull(decision, "decision");
    recipe = recipe == null ? "" : recipe;
    gateFigures = Map.copyOf(gateFigures == null ? Map.of() : gateFigures);
    parentGateFigures = Map.copyOf(parentGateFigures == null ? Map.of() : parentGateFigures);
    createdBy = createdBy == null ? "" : createdBy;
  }

  /** A release published by hand, with nothing known of its training beyond its bundle. */
  public static ReleaseLineage published(String deployment, String createdBy) {
    return new ReleaseLineage(deployment, ReleaseDecision.PUBLISHED, null, "", Map.of(), Map.of(), false, createdBy);
  }

  /** The same with another decision. */
  public ReleaseLineage withDecision(ReleaseDecision d) {
    return new ReleaseLineage(deployment, d, labels, recipe, gateFigures, parentGateFigures, classesChanged, createdBy);
  }

  /** The same with the label snapshot it was trained on. */
  public ReleaseLineage withLabels(LabelSnapshot l) {
    return new ReleaseLineage(deployment, decision, l, recipe, gateFigures, parentGateFigures, classesChanged, createdBy);
  }

  /** The same with its recipe. */
  public ReleaseLineage withRecipe(String r) {
    return new ReleaseLineage(deployment, decision, labels, r, gateFigures, parentGateFigures, classesChanged, createdBy);
  }

  /** The same with the gate figures of the candidate and of its parent. */
  public ReleaseLineage withGate(Map<String, Double> candidate, Map<String, Double> parent) {
    return new ReleaseLineage(deployment, decision, labels, recipe, candidate, parent, classesChanged, createdBy);
  }

  /** The same, saying whether the class set changed on purpose. */
  public ReleaseLineage withClassesChanged(boolean changed) {
    return new ReleaseLineage(deployment, decision, labels, recipe, gateFigures, parentGateFigures, changed, createdBy);
  }
}
