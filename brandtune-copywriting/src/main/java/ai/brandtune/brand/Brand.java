package ai.brandtune.brand;

import java.util.List;
import java.util.Optional;

/**
 * The brand guide ({@code brand.yaml}): who the brand is (name, philosophy, persona, communication
 * principles), its vocabulary (encouraged and banned keywords), extra writing rules for prompts,
 * the product categories of its catalog, the rule settings the checker applies, and the coverage
 * its corpora must reach.
 */
public record Brand(
    String name,
    String philosophy,
    String persona,
    List<Principle> principles,
    List<String> encouragedKeywords,
    List<String> bannedKeywords,
    List<String> writingRules,
    List<Category> categories,
    BrandRules rules,
    CoverageTargets coverage) {

  public Brand {
    principles = List.copyOf(principles);
    encouragedKeywords = List.copyOf(encouragedKeywords);
    bannedKeywords = List.copyOf(bannedKeywords);
    writingRules = List.copyOf(writingRules);
    categories = List.copyOf(categories);
  }

  /** One communication principle: a short name and what it means in practice. */
  public record Principle(String name, String description) {}

  /**
   * A product category: its id in {@code products.yaml}, its display name in prompts, and whether
   * its products must state SPF and PA (sunscreens).
   */
  public record Category(String id, String name, boolean requiresSpf) {}

  public Optional<Category> category(String id) {
    return categories.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
