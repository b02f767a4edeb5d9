package ai.brandtune.brand;

import java.util.List;

/**
 * One catalog product ({@code products.yaml}). Ingredient, effect and free-from names are canonical
 * names of the kit's dictionaries (checked on load). {@code spf} and {@code pa} are null except for
 * sunscreens.
 */
public record Product(
    String id,
    String name,
    String category,
    List<ProductIngredient> ingredients,
    List<String> effects,
    List<String> skinTypes,
    String texture,
    String usage,
    List<String> cautions,
    List<String> freeFrom,
    String size,
    Integer spf,
    String pa) {

  public Product {
    ingredients = List.copyOf(ingredients);
    effects = List.copyOf(effects);
    skinTypes = List.copyOf(skinTypes);
    cautions = List.copyOf(cautions);
    freeFrom = List.copyOf(freeFrom);
  }

  /** The product's entry for a canonical ingredient name, or null. */
  public ProductIngredient ingredient(String canonicalName) {
    for (ProductIngredient i : ingredients) {
      if (i.name().equals(canonicalName)) {
        return i;
      }
    }
    return null;
  }

  public boolean hasEffect(String canonicalName) {
    return effects.contains(canonicalName);
  }

  public boolean isFreeFrom(String canonicalName) {
    return freeFrom.contains(canonicalName);
  }

  /**
   * A core ingredient with its concentration as written in the catalog ({@code "5%"}) and as a
   * number of percent (5.0); both null when the catalog gives none.
   */
  public record ProductIngredient(String name, String concentration, Double percent) {}
}
