package ai.brandtune.brand;

/** The file names of a kit; the same in a user's directory and in the built-in resources. */
public final class KitFiles {
  public static final String BRAND = "brand.yaml";
  public static final String CONTENT_TYPES = "content_types.yaml";
  public static final String PRODUCTS = "products.yaml";
  public static final String INGREDIENTS = "ingredients.yaml";
  public static final String EFFECTS = "effects.yaml";
  public static final String GOLDEN = "golden.jsonl";
  public static final String PREFERENCE_EVAL = "preference_eval.jsonl";

  /** Folder of golden drafts ({@code part-N.jsonl}) that {@code fill-prompts} assembles. */
  public static final String GOLDEN_PARTS = "golden";

  private KitFiles() {}
}
