package io.soundtag.ops.trainer;

import io.soundtag.trainer.job.TrainingRecipe;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code soundtag trainer recipe}: prints the built-in recipe, or checks a recipe file, as JSON with its hash. */
@Command(name = "recipe", mixinStandardHelpOptions = true,
    description = "Print the built-in training recipe as JSON (a starting point for --recipe FILE), or with --check FILE read a "
        + "recipe file and print it with every default filled in; the hash on stderr is part of a candidate's identity.")
public final class TrainerRecipeCommand implements Callable<Integer> {

  @Option(names = "--check", paramLabel = "FILE", description = "A recipe file to read and print in full.")
  Path check;

  @Override
  public Integer call() {
    TrainingRecipe recipe = check == null ? TrainingRecipe.defaults() : TrainingRecipe.read(check);
    System.out.println(recipe.toJson());
    System.err.println("recipe hash " + recipe.hash());
    return 0;
  }
}
