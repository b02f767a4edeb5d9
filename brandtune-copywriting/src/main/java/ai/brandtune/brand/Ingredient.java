package ai.brandtune.brand;

import java.util.List;

/** An ingredient dictionary entry ({@code ingredients.yaml}): canonical name and aliases. */
public record Ingredient(String name, List<String> aliases) {
  public Ingredient {
    aliases = List.copyOf(aliases);
  }
}
