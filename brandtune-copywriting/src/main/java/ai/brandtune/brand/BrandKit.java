package ai.brandtune.brand;

import ai.brandtune.BrandtuneException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A loaded, cross-checked brand kit: brand guide, content types, product catalog and the ingredient
 * and effect dictionaries. Immutable; load it once and share it (prompt builder, checker,
 * validator, rewards, judges all take one).
 *
 * <pre>{@code
 * BrandKit kit = BrandKit.builtIn();                 // the shipped 原素方程 kit
 * BrandKit other = BrandKit.load(Path.of("my-kit")); // a directory with the same files
 * }</pre>
 */
public final class BrandKit {
  private final KitSource source;
  private final Brand brand;
  private final Map<String, ContentType> contentTypes;
  private final Map<String, Product> products;
  private final List<Ingredient> ingredients;
  private final List<Effect> effects;

  BrandKit(
      KitSource source,
      Brand brand,
      List<ContentType> contentTypes,
      List<Product> products,
      List<Ingredient> ingredients,
      List<Effect> effects) {
    this.source = source;
    this.brand = brand;
    this.contentTypes = index(contentTypes, ContentType::id);
    this.products = index(products, Product::id);
    this.ingredients = List.copyOf(ingredients);
    this.effects = List.copyOf(effects);
  }

  /** The kit that ships with brandtune (原素方程). */
  public static BrandKit builtIn() {
    return load(KitSource.builtIn());
  }

  /**
   * Loads the kit in {@code dir}. Every problem (unknown or missing field, duplicate id, unknown
   * ingredient or effect name, ...) is reported in one {@link BrandtuneException} naming file, line
   * and column.
   */
  public static BrandKit load(Path dir) {
    return load(KitSource.directory(dir));
  }

  public static BrandKit load(KitSource source) {
    KitLoader.Result r = KitLoader.load(source);
    if (!r.problems().isEmpty()) {
      List<KitProblem> ps = r.problems();
      String shown =
          ps.stream().limit(20).map(KitProblem::toString).collect(Collectors.joining("\n  "));
      String more = ps.size() > 20 ? "\n  ... and " + (ps.size() - 20) + " more" : "";
      throw new BrandtuneException(
          "brand kit has "
              + ps.size()
              + (ps.size() == 1 ? " problem" : " problems")
              + ":\n  "
              + shown
              + more);
    }
    return r.kit();
  }

  /**
   * Loads a kit and returns every problem instead of throwing; {@code kit} is null when the
   * problems are so basic (a missing or unparsable file) that no kit could be built, and is only
   * trustworthy when {@code problems} is empty.
   */
  public static LoadResult tryLoad(KitSource source) {
    KitLoader.Result r = KitLoader.load(source);
    return new LoadResult(r.problems().isEmpty() ? r.kit() : null, r.problems());
  }

  /** A kit (null on problems) and the problems found while loading it. */
  public record LoadResult(BrandKit kit, List<KitProblem> problems) {
    public LoadResult {
      problems = List.copyOf(problems);
    }
  }

  /** The canonical ingredient a name or alias means (exact spelling), if any. */
  public Optional<String> canonicalIngredient(String term) {
    for (Ingredient i : ingredients) {
      if (i.name().equals(term) || i.aliases().contains(term)) {
        return Optional.of(i.name());
      }
    }
    return Optional.empty();
  }

  /** The canonical effect a name or alias means (exact spelling), if any. */
  public Optional<String> canonicalEffect(String term) {
    for (Effect e : effects) {
      if (e.name().equals(term) || e.aliases().contains(term)) {
        return Optional.of(e.name());
      }
    }
    return Optional.empty();
  }

  public KitSource source() {
    return source;
  }

  public Brand brand() {
    return brand;
  }

  /** Content types in file order. */
  public List<ContentType> contentTypes() {
    return List.copyOf(contentTypes.values());
  }

  /** Products in file order. */
  public List<Product> products() {
    return List.copyOf(products.values());
  }

  public List<Ingredient> ingredients() {
    return ingredients;
  }

  public List<Effect> effects() {
    return effects;
  }

  public Optional<Product> product(String id) {
    return Optional.ofNullable(products.get(id));
  }

  public Optional<ContentType> contentType(String id) {
    return Optional.ofNullable(contentTypes.get(id));
  }

  /** The product with this id, or a user error that says which ids exist. */
  public Product requireProduct(String id) {
    Product p = products.get(id);
    if (p == null) {
      throw new BrandtuneException(
          "unknown product \""
              + id
              + "\" in "
              + source.label(KitFiles.PRODUCTS)
              + " (ids: "
              + range(List.copyOf(products.keySet()))
              + ")");
    }
    return p;
  }

  /** The content type with this id, or a user error that lists the ids. */
  public ContentType requireContentType(String id) {
    ContentType t = contentTypes.get(id);
    if (t == null) {
      throw new BrandtuneException(
          "unknown content type \""
              + id
              + "\"; one of: "
              + String.join(", ", contentTypes.keySet()));
    }
    return t;
  }

  private static String range(List<String> ids) {
    if (ids.isEmpty()) {
      return "none";
    }
    return ids.size() <= 6
        ? String.join(", ", ids)
        : ids.get(0) + " ... " + ids.get(ids.size() - 1);
  }

  private static <T> Map<String, T> index(
      List<T> items, java.util.function.Function<T, String> id) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T t : items) {
      m.putIfAbsent(id.apply(t), t);
    }
    return m;
  }
}
