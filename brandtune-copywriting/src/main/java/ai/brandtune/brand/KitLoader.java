package ai.brandtune.brand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the five kit files into model records and checks them against each other. Collects every
 * problem instead of stopping at the first, so {@code brand validate} can list them all.
 */
final class KitLoader {
  private static final Pattern CONTENT_TYPE_ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  private static final Pattern PA = Pattern.compile("PA\\+{1,4}");
  private static final Set<String> CUE_PLACEHOLDERS =
      Set.of("{product}", "{ingredient}", "{effect}", "{concentration}", "{question}", "{cta}");

  /** The loaded kit (null when a file was missing or unreadable) and every problem found. */
  record Result(BrandKit kit, List<KitProblem> problems) {}

  private final KitSource source;
  private final Problems problems = new Problems();

  private KitLoader(KitSource source) {
    this.source = source;
  }

  static Result load(KitSource source) {
    return new KitLoader(source).load();
  }

  private Result load() {
    YamlNode ingredientsRoot = root(KitFiles.INGREDIENTS);
    YamlNode effectsRoot = root(KitFiles.EFFECTS);
    YamlNode brandRoot = root(KitFiles.BRAND);
    YamlNode typesRoot = root(KitFiles.CONTENT_TYPES);
    YamlNode productsRoot = root(KitFiles.PRODUCTS);

    Map<String, String> terms = new HashMap<>(); // folded term -> "ingredient X" / "effect Y"
    List<Ingredient> ingredients = ingredients(ingredientsRoot, terms);
    List<Effect> effects = effects(effectsRoot, terms);
    Brand brand = brand(brandRoot);
    List<ContentType> types = contentTypes(typesRoot);
    List<Product> products = products(productsRoot, brand, ingredients, effects);

    BrandKit kit =
        brand == null ? null : new BrandKit(source, brand, types, products, ingredients, effects);
    return new Result(kit, problems.list());
  }

  private YamlNode root(String file) {
    Optional<String> text = source.read(file);
    String label = source.label(file);
    if (text.isEmpty()) {
      problems.add(label, null, "missing file (every kit needs " + file + ")");
      return null;
    }
    YamlNode root = YamlTree.parse(text.get(), label, problems);
    if (root == null && problems.isEmpty()) {
      problems.add(label, null, "the file is empty");
    }
    return root;
  }

  // ---------------------------------------------------------------- dictionaries

  private List<Ingredient> ingredients(YamlNode root, Map<String, String> terms) {
    List<Ingredient> out = new ArrayList<>();
    String file = source.label(KitFiles.INGREDIENTS);
    Fields top = root == null ? null : Fields.of(root, file, "", problems, "ingredients");
    if (top == null) {
      return out;
    }
    for (Fields.Item item : top.items("ingredients", true)) {
      Fields f = Fields.of(item.node(), file, item.path(), problems, "name", "aliases");
      if (f == null) {
        continue;
      }
      String name = f.text("name");
      List<String> aliases = f.texts("aliases", false);
      if (name == null) {
        continue;
      }
      registerTerms(f, "ingredient", name, aliases, terms);
      out.add(new Ingredient(name, aliases));
    }
    return out;
  }

  private List<Effect> effects(YamlNode root, Map<String, String> terms) {
    List<Effect> out = new ArrayList<>();
    String file = source.label(KitFiles.EFFECTS);
    Fields top = root == null ? null : Fields.of(root, file, "", problems, "effects");
    if (top == null) {
      return out;
    }
    for (Fields.Item item : top.items("effects", true)) {
      Fields f =
          Fields.of(item.node(), file, item.path(), problems, "name", "aliases", "regulated");
      if (f == null) {
        continue;
      }
      String name = f.text("name");
      List<String> aliases = f.texts("aliases", false);
      boolean regulated = f.bool("regulated", false);
      if (name == null) {
        continue;
      }
      registerTerms(f, "effect", name, aliases, terms);
      out.add(new Effect(name, aliases, regulated));
    }
    return out;
  }

  /**
   * Every name and alias must be unique across both dictionaries (after folding), or the checker
   * could not tell which entry a word in a copy means; one-character aliases match inside too many
   * everyday words.
   */
  private void registerTerms(
      Fields f, String kind, String name, List<String> aliases, Map<String, String> terms) {
    List<String> all = new ArrayList<>();
    all.add(name);
    all.addAll(aliases);
    for (int i = 0; i < all.size(); i++) {
      String term = all.get(i);
      String key = i == 0 ? "name" : "aliases";
      String folded = Folding.fold(term);
      String owner = kind + " \"" + name + "\"";
      if (i > 0 && folded.codePointCount(0, folded.length()) < 2) {
        f.error(key, "alias \"" + term + "\" is too short to match safely; use 2+ characters");
      }
      String previous = terms.putIfAbsent(folded, owner);
      if (previous != null) {
        f.error(
            key,
            "\""
                + term
                + "\" is already a name or alias of "
                + previous
                + "; each term may belong to one entry");
      }
    }
  }

  // ---------------------------------------------------------------- brand.yaml

  private Brand brand(YamlNode root) {
    String file = source.label(KitFiles.BRAND);
    Fields f =
        root == null
            ? null
            : Fields.of(
                root,
                file,
                "",
                problems,
                "name",
                "philosophy",
                "persona",
                "principles",
                "encouraged_keywords",
                "banned_keywords",
                "writing_rules",
                "categories",
                "rules",
                "coverage");
    if (f == null) {
      return null;
    }
    String name = f.text("name");
    String philosophy = f.text("philosophy");
    String persona = f.text("persona");
    List<Brand.Principle> principles = new ArrayList<>();
    for (Fields.Item item : f.items("principles", true)) {
      Fields p = Fields.of(item.node(), file, item.path(), problems, "name", "description");
      if (p != null) {
        String n = p.text("name");
        String d = p.text("description");
        if (n != null && d != null) {
          principles.add(new Brand.Principle(n, d));
        }
      }
    }
    List<String> encouraged = f.texts("encouraged_keywords", true);
    List<String> banned = f.texts("banned_keywords", true);
    noDuplicates(f, "encouraged_keywords", encouraged);
    noDuplicates(f, "banned_keywords", banned);
    List<String> writingRules = f.texts("writing_rules", false);
    List<Brand.Category> categories = new ArrayList<>();
    Set<String> categoryIds = new HashSet<>();
    for (Fields.Item item : f.items("categories", true)) {
      Fields c = Fields.of(item.node(), file, item.path(), problems, "id", "name", "requires_spf");
      if (c == null) {
        continue;
      }
      String id = c.text("id");
      String n = c.text("name");
      boolean spf = c.bool("requires_spf", false);
      if (id != null && !categoryIds.add(id)) {
        c.error("id", "duplicate category id \"" + id + "\"");
      }
      if (id != null && n != null) {
        categories.add(new Brand.Category(id, n, spf));
      }
    }
    BrandRules rules = rules(f.child("rules", false, RULE_KEYS), file);
    CoverageTargets coverage = coverage(f.child("coverage", false, COVERAGE_KEYS));
    if (name == null || philosophy == null || persona == null) {
      return null;
    }
    return new Brand(
        name,
        philosophy,
        persona,
        principles,
        encouraged,
        banned,
        writingRules,
        categories,
        rules,
        coverage);
  }

  private static final String[] RULE_KEYS = {
    "min_encouraged_keywords",
    "max_exclamation_marks",
    "absolute_terms",
    "absolute_term_exceptions",
    "hype_terms",
    "anxiety_terms",
    "anxiety_patterns",
    "mystery_terms",
    "cta_phrases",
    "meta_patterns",
    "score_weights"
  };

  private static final String[] COVERAGE_KEYS = {
    "min_products", "min_golden_products", "min_preference_records", "min_preference_per_type"
  };

  private BrandRules rules(Fields r, String file) {
    if (r == null) {
      return new BrandRules(
          0,
          Integer.MAX_VALUE,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          BrandRules.ScoreWeights.DEFAULT);
    }
    Integer minEncouraged = r.integer("min_encouraged_keywords", 0, 0, 100);
    Integer maxExclamations = r.integer("max_exclamation_marks", Integer.MAX_VALUE, 0, 1_000_000);
    BrandRules.ScoreWeights weights = BrandRules.ScoreWeights.DEFAULT;
    Fields w =
        r.child(
            "score_weights",
            false,
            "banned",
            "hype",
            "tone",
            "facts",
            "format",
            "length",
            "encouraged");
    if (w != null) {
      BrandRules.ScoreWeights d = BrandRules.ScoreWeights.DEFAULT;
      weights =
          new BrandRules.ScoreWeights(
              orElse(w.number("banned", d.banned()), d.banned()),
              orElse(w.number("hype", d.hype()), d.hype()),
              orElse(w.number("tone", d.tone()), d.tone()),
              orElse(w.number("facts", d.facts()), d.facts()),
              orElse(w.number("format", d.format()), d.format()),
              orElse(w.number("length", d.length()), d.length()),
              orElse(w.number("encouraged", d.encouraged()), d.encouraged()));
      if (!(weights.sum() > 0)) {
        w.errorHere("the weights must not all be 0");
      }
    }
    return new BrandRules(
        minEncouraged == null ? 0 : minEncouraged,
        maxExclamations == null ? Integer.MAX_VALUE : maxExclamations,
        r.texts("absolute_terms", false),
        r.texts("absolute_term_exceptions", false),
        r.texts("hype_terms", false),
        r.texts("anxiety_terms", false),
        patterns(r, "anxiety_patterns"),
        r.texts("mystery_terms", false),
        r.texts("cta_phrases", false),
        patterns(r, "meta_patterns"),
        weights);
  }

  private static double orElse(Double v, double fallback) {
    return v == null ? fallback : v;
  }

  private List<Pattern> patterns(Fields r, String key) {
    List<Pattern> out = new ArrayList<>();
    for (Fields.Item item : r.items(key, false)) {
      if (!(item.node() instanceof YamlNode.Scalar s) || s.isNull() || s.text().isBlank()) {
        problems.add(
            r.file(), item.node().location(), item.path() + ": expected a regular expression");
        continue;
      }
      try {
        out.add(Pattern.compile(s.text(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      } catch (PatternSyntaxException e) {
        problems.add(
            r.file(),
            item.node().location(),
            item.path() + ": not a valid regular expression: " + e.getDescription());
      }
    }
    return out;
  }

  private CoverageTargets coverage(Fields c) {
    if (c == null) {
      return CoverageTargets.NONE;
    }
    Integer products = c.integer("min_products", 0, 0, 1_000_000);
    Integer golden = c.integer("min_golden_products", 0, 0, 1_000_000);
    Integer records = c.integer("min_preference_records", 0, 0, 1_000_000);
    Integer perType = c.integer("min_preference_per_type", 0, 0, 1_000_000);
    return new CoverageTargets(
        products == null ? 0 : products,
        golden == null ? 0 : golden,
        records == null ? 0 : records,
        perType == null ? 0 : perType);
  }

  private void noDuplicates(Fields f, String key, List<String> values) {
    Set<String> seen = new HashSet<>();
    for (String v : values) {
      if (!seen.add(Folding.fold(v))) {
        f.error(key, "\"" + v + "\" is listed twice");
      }
    }
  }

  // ---------------------------------------------------------------- content_types.yaml

  private static final String[] TYPE_KEYS = {
    "id",
    "name",
    "channel",
    "task",
    "format",
    "structure",
    "length",
    "channel_notes",
    "title",
    "hashtags",
    "section_headings",
    "sections",
    "markdown",
    "cta_required",
    "product_name_required",
    "sentences"
  };

  private List<ContentType> contentTypes(YamlNode root) {
    List<ContentType> out = new ArrayList<>();
    String file = source.label(KitFiles.CONTENT_TYPES);
    Fields top = root == null ? null : Fields.of(root, file, "", problems, "content_types");
    if (top == null) {
      return out;
    }
    Set<String> ids = new HashSet<>();
    for (Fields.Item item : top.items("content_types", true)) {
      Fields f = Fields.of(item.node(), file, item.path(), problems, TYPE_KEYS);
      if (f == null) {
        continue;
      }
      String id = f.text("id");
      if (id != null && !CONTENT_TYPE_ID.matcher(id).matches()) {
        f.error("id", "\"" + id + "\" must be lower_snake_case");
      } else if (id != null && !ids.add(id)) {
        f.error("id", "duplicate content type id \"" + id + "\"");
      }
      String name = f.text("name");
      String channelId = f.text("channel");
      Channel channel = channelId == null ? null : Channel.fromId(channelId);
      if (channelId != null && channel == null) {
        f.error(
            "channel", "unknown channel \"" + channelId + "\"; one of social_note, ecommerce, ad");
      }
      String task = f.text("task");
      String format = f.text("format");
      List<ContentType.StructureElement> structure = new ArrayList<>();
      for (Fields.Item s : f.items("structure", true)) {
        Fields e = Fields.of(s.node(), file, s.path(), problems, "name", "description", "cues");
        if (e == null) {
          continue;
        }
        String n = e.text("name");
        String d = e.text("description");
        List<String> cues = e.texts("cues", false);
        for (String cue : cues) {
          if (cue.startsWith("{") && !CUE_PLACEHOLDERS.contains(cue)) {
            e.error(
                "cues",
                "unknown placeholder "
                    + cue
                    + "; one of "
                    + String.join(", ", CUE_PLACEHOLDERS.stream().sorted().toList()));
          }
        }
        if (n != null && d != null) {
          structure.add(new ContentType.StructureElement(n, d, cues));
        }
      }
      IntRange length = range(f, "length", true);
      String notes = f.text("channel_notes");
      IntRange title = range(f, "title", false);
      IntRange hashtags = range(f, "hashtags", false);
      boolean sectionHeadings = f.bool("section_headings", false);
      List<String> sections = f.texts("sections", false);
      if (!sections.isEmpty() && !sectionHeadings) {
        f.error("sections", "required sections need section_headings: true");
      }
      boolean markdown = f.bool("markdown", false);
      boolean cta = f.bool("cta_required", false);
      boolean productName = f.bool("product_name_required", false);
      IntRange sentences = range(f, "sentences", false);
      if (id == null
          || name == null
          || channel == null
          || task == null
          || format == null
          || length == null
          || notes == null) {
        continue;
      }
      out.add(
          new ContentType(
              id,
              name,
              channel,
              task,
              format,
              structure,
              length,
              notes,
              title,
              hashtags,
              sectionHeadings,
              sections,
              markdown,
              cta,
              productName,
              sentences));
    }
    if (out.isEmpty() && problems.isEmpty()) {
      top.errorHere("content_types: the list is empty");
    }
    return out;
  }

  private IntRange range(Fields f, String key, boolean required) {
    Fields r = f.child(key, required, "min", "max");
    if (r == null) {
      return null;
    }
    Integer min = r.requiredInteger("min", 0, 1_000_000);
    Integer max = r.requiredInteger("max", 0, 1_000_000);
    if (min == null || max == null) {
      return null;
    }
    if (min > max) {
      r.errorHere("min " + min + " is greater than max " + max);
      return null;
    }
    return new IntRange(min, max);
  }

  // ---------------------------------------------------------------- products.yaml

  private static final String[] PRODUCT_KEYS = {
    "id",
    "name",
    "category",
    "ingredients",
    "effects",
    "skin_types",
    "texture",
    "usage",
    "cautions",
    "free_from",
    "size",
    "spf",
    "pa"
  };

  private List<Product> products(
      YamlNode root, Brand brand, List<Ingredient> ingredients, List<Effect> effects) {
    List<Product> out = new ArrayList<>();
    String file = source.label(KitFiles.PRODUCTS);
    Fields top = root == null ? null : Fields.of(root, file, "", problems, "products");
    if (top == null) {
      return out;
    }
    Map<String, String> ingredientNames = canonicalIndex(ingredients);
    Map<String, String> effectNames = new HashMap<>();
    for (Effect e : effects) {
      effectNames.put(e.name(), e.name());
      for (String a : e.aliases()) {
        effectNames.put(a, e.name());
      }
    }
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> names = new HashMap<>();
    for (Fields.Item item : top.items("products", true)) {
      Fields f = Fields.of(item.node(), file, item.path(), problems, PRODUCT_KEYS);
      if (f == null) {
        continue;
      }
      String id = f.text("id");
      String path = item.path() + (id == null ? "" : " (" + id + ")");
      if (id != null && !PRODUCT_ID.matcher(id).matches()) {
        f.error("id", "\"" + id + "\" must be letters, digits, - or _");
      } else if (id != null && ids.putIfAbsent(id, f.location().line()) != null) {
        f.error("id", "duplicate product id \"" + id + "\" (first at line " + ids.get(id) + ")");
      }
      String name = f.text("name");
      if (name != null && names.putIfAbsent(name, f.location().line()) != null) {
        f.error(
            "name",
            "duplicate product name \"" + name + "\" (first at line " + names.get(name) + ")");
      }
      String category = f.text("category");
      Brand.Category cat = null;
      if (category != null && brand != null) {
        cat = brand.category(category).orElse(null);
        if (cat == null) {
          f.error(
              "category",
              "unknown category \""
                  + category
                  + "\"; brand.yaml categories are "
                  + String.join(
                      ", ", brand.categories().stream().map(Brand.Category::id).toList()));
        }
      }
      List<Product.ProductIngredient> productIngredients = new ArrayList<>();
      Set<String> seenIngredients = new HashSet<>();
      List<Fields.Item> ingredientItems = f.items("ingredients", true);
      if (f.has("ingredients") && ingredientItems.isEmpty()) {
        f.error("ingredients", "list at least one core ingredient");
      }
      for (Fields.Item ii : ingredientItems) {
        Fields pi = Fields.of(ii.node(), file, ii.path(), problems, "name", "concentration");
        if (pi == null) {
          continue;
        }
        String iname = pi.text("name");
        String conc = pi.optionalText("concentration", null);
        Double percent = null;
        if (conc != null) {
          OptionalDouble v = Percent.parse(conc);
          if (v.isEmpty() || !conc.strip().matches("\\d+(\\.\\d+)?%")) {
            pi.error(
                "concentration", "\"" + conc + "\" is not a percentage like \"5%\" or \"0.5%\"");
          } else {
            percent = v.getAsDouble();
          }
        }
        if (iname == null) {
          continue;
        }
        String canonical =
            canonicalName(pi, "name", iname, ingredientNames, "ingredient", KitFiles.INGREDIENTS);
        if (canonical != null && !seenIngredients.add(canonical)) {
          pi.error("name", "ingredient \"" + iname + "\" is listed twice");
        }
        productIngredients.add(
            new Product.ProductIngredient(canonical == null ? iname : canonical, conc, percent));
      }
      List<String> productEffects = new ArrayList<>();
      List<String> rawEffects = f.texts("effects", true);
      if (f.has("effects") && rawEffects.isEmpty()) {
        f.error("effects", "list at least one effect");
      }
      for (String e : rawEffects) {
        String canonical = canonicalName(f, "effects", e, effectNames, "effect", KitFiles.EFFECTS);
        if (canonical != null) {
          if (productEffects.contains(canonical)) {
            f.error("effects", "effect \"" + e + "\" is listed twice");
          } else {
            productEffects.add(canonical);
          }
        }
      }
      List<String> skinTypes = f.texts("skin_types", true);
      String texture = f.text("texture");
      String usage = f.text("usage");
      List<String> cautions = f.texts("cautions", false);
      List<String> freeFrom = new ArrayList<>();
      for (String ff : f.texts("free_from", false)) {
        String canonical =
            canonicalName(f, "free_from", ff, ingredientNames, "ingredient", KitFiles.INGREDIENTS);
        if (canonical != null) {
          if (seenIngredients.contains(canonical)) {
            f.error(
                "free_from",
                "\""
                    + ff
                    + "\" is also one of the product's ingredients; it cannot be free from it");
          }
          freeFrom.add(canonical);
        }
      }
      String size = f.text("size");
      Integer spf = f.integer("spf", null, 1, 100);
      String pa = f.optionalText("pa", null);
      if (pa != null && !PA.matcher(pa).matches()) {
        f.error("pa", "\"" + pa + "\" must be PA+ to PA++++");
      }
      if (cat != null && cat.requiresSpf() && (!f.has("spf") || !f.has("pa"))) {
        f.errorHere(
            "category "
                + category
                + " requires spf (e.g. 50) and pa (e.g. \"PA++++\") for "
                + path);
      }
      if (cat != null && !cat.requiresSpf() && (f.has("spf") || f.has("pa"))) {
        f.error(
            f.has("spf") ? "spf" : "pa",
            "only categories with requires_spf (sunscreens) may state spf/pa");
      }
      if (id == null
          || name == null
          || category == null
          || texture == null
          || usage == null
          || size == null) {
        continue;
      }
      out.add(
          new Product(
              id,
              name,
              category,
              productIngredients,
              productEffects,
              skinTypes,
              texture,
              usage,
              cautions,
              freeFrom,
              size,
              spf,
              pa));
    }
    return out;
  }

  private static Map<String, String> canonicalIndex(List<Ingredient> ingredients) {
    Map<String, String> m = new HashMap<>();
    for (Ingredient i : ingredients) {
      m.put(i.name(), i.name());
      for (String a : i.aliases()) {
        m.put(a, i.name());
      }
    }
    return m;
  }

  /**
   * The canonical name for {@code name}; an alias is an error that names the canonical form (the
   * catalog must use canonical names so the checker and prompts agree), an unknown name an error
   * that says where to add it.
   */
  private static String canonicalName(
      Fields f,
      String key,
      String name,
      Map<String, String> index,
      String kind,
      String dictionary) {
    String canonical = index.get(name);
    if (canonical == null) {
      f.error(
          key,
          "unknown "
              + kind
              + " \""
              + name
              + "\"; add it to "
              + dictionary
              + " or use a name listed there");
      return null;
    }
    if (!canonical.equals(name)) {
      f.error(key, "\"" + name + "\" is an alias; write the canonical name \"" + canonical + "\"");
    }
    return canonical;
  }
}
