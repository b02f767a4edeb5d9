package ai.brandtune.brand.corpus;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.CoverageTargets;
import ai.brandtune.brand.Folding;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.KitProblem;
import ai.brandtune.brand.KitSource;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Severity;
import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a whole kit: the five YAML files (schema and cross-references), the corpora against the
 * catalog (ids, prompts equal to the prompt builder's, fabricated facts present), coverage targets
 * from {@code brand.yaml}, and the brand rules on every golden copy and every chosen copy. Rule
 * errors fail validation; rule warnings (heuristics) are reported but do not.
 */
public final class KitValidator {
  private static final Set<String> REJECTED_TYPES =
      Set.of(PreferenceRecord.WEAK, PreferenceRecord.EXAGGERATED, PreferenceRecord.FABRICATED);

  /** What validation found. {@code ranking} is null when the kit has no preference set. */
  public record Report(
      List<KitProblem> errors,
      List<KitProblem> warnings,
      List<String> summary,
      PreferenceEvaluation.Report ranking) {

    public Report {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
      summary = List.copyOf(summary);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private final List<KitProblem> errors = new ArrayList<>();
  private final List<KitProblem> warnings = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();

  private KitValidator() {}

  public static Report validate(KitSource source) {
    return new KitValidator().run(source);
  }

  private Report run(KitSource source) {
    BrandKit.LoadResult load = BrandKit.tryLoad(source);
    errors.addAll(load.problems());
    BrandKit kit = load.kit();
    if (kit == null) {
      return new Report(errors, warnings, summary, null);
    }
    BrandChecker checker = new BrandChecker(kit);
    PromptBuilder builder = new PromptBuilder(kit);
    CoverageTargets coverage = kit.brand().coverage();
    summary.add("products: " + kit.products().size() + minimum(coverage.minProducts()));
    if (kit.products().size() < coverage.minProducts()) {
      errors.add(
          new KitProblem(
              source.label(KitFiles.PRODUCTS),
              0,
              0,
              "only "
                  + kit.products().size()
                  + " products; brand.yaml coverage.min_products is "
                  + coverage.minProducts()));
    }
    Set<String> goldenProducts = golden(source, kit, checker, builder, coverage);
    PreferenceEvaluation.Report ranking =
        preference(source, kit, checker, builder, coverage, goldenProducts);
    return new Report(errors, warnings, summary, ranking);
  }

  private static String minimum(int min) {
    return min > 0 ? " (required >= " + min + ")" : "";
  }

  private Set<String> golden(
      KitSource source,
      BrandKit kit,
      BrandChecker checker,
      PromptBuilder builder,
      CoverageTargets coverage) {
    String label = source.label(KitFiles.GOLDEN);
    Optional<String> text = source.read(KitFiles.GOLDEN);
    Set<String> products = new HashSet<>();
    if (text.isEmpty()) {
      if (coverage.minGoldenProducts() > 0) {
        errors.add(
            new KitProblem(
                label,
                0,
                0,
                "missing file; brand.yaml coverage needs golden copies"
                    + (source.read(KitFiles.GOLDEN_PARTS + "/part-1.jsonl").isPresent()
                        ? " (drafts found: run brandtune brand fill-prompts --kit DIR)"
                        : "")));
      }
      return products;
    }
    CorpusRead<GoldenRecord> read = CorpusFiles.readGolden(label, text.get());
    errors.addAll(read.problems());
    Map<String, Set<String>> typesByProduct = new LinkedHashMap<>();
    Map<String, String> seen = new HashMap<>();
    int errorCopies = 0;
    for (Numbered<GoldenRecord> n : read.records()) {
      GoldenRecord r = n.value();
      Resolved res = resolve(kit, n, r.meta());
      if (res == null) {
        continue;
      }
      String key = res.product.id() + "/" + res.type.id();
      String first = seen.putIfAbsent(key, n.where());
      if (first != null) {
        error(n, "second golden copy for " + key + " (first at " + first + ")");
      }
      products.add(res.product.id());
      typesByProduct.computeIfAbsent(res.product.id(), k -> new HashSet<>()).add(res.type.id());
      checkPrompt(n, r.prompt(), builder.build(res.product, res.type, null));
      if (report(n, key, "", checker.check(r.completion(), res.product, res.type))) {
        errorCopies++;
      }
    }
    int complete = 0;
    for (Set<String> types : typesByProduct.values()) {
      if (types.size() == kit.contentTypes().size()) {
        complete++;
      }
    }
    summary.add(
        "golden: "
            + read.records().size()
            + " records, "
            + complete
            + " products with all "
            + kit.contentTypes().size()
            + " content types"
            + minimum(coverage.minGoldenProducts())
            + ", "
            + errorCopies
            + " copies with rule errors");
    if (complete < coverage.minGoldenProducts()) {
      errors.add(
          new KitProblem(
              label,
              0,
              0,
              "only "
                  + complete
                  + " products have a golden copy of every content type; "
                  + "brand.yaml coverage.min_golden_products is "
                  + coverage.minGoldenProducts()));
    }
    return products;
  }

  private PreferenceEvaluation.Report preference(
      KitSource source,
      BrandKit kit,
      BrandChecker checker,
      PromptBuilder builder,
      CoverageTargets coverage,
      Set<String> goldenProducts) {
    String label = source.label(KitFiles.PREFERENCE_EVAL);
    Optional<String> text = source.read(KitFiles.PREFERENCE_EVAL);
    if (text.isEmpty()) {
      if (coverage.minPreferenceRecords() > 0 || coverage.minPreferencePerType() > 0) {
        errors.add(
            new KitProblem(
                label, 0, 0, "missing file; brand.yaml coverage needs a preference set"));
      }
      return null;
    }
    CorpusRead<PreferenceRecord> read = CorpusFiles.readPreference(label, text.get());
    errors.addAll(read.problems());
    Map<String, Integer> perType = new TreeMap<>();
    List<Numbered<PreferenceRecord>> valid = new ArrayList<>();
    for (Numbered<PreferenceRecord> n : read.records()) {
      PreferenceRecord r = n.value();
      perType.merge(r.rejectedType(), 1, Integer::sum);
      Resolved res = resolve(kit, n, r.meta());
      if (!REJECTED_TYPES.contains(r.rejectedType())) {
        error(
            n,
            "rejected_type \""
                + r.rejectedType()
                + "\" is not one of weak, exaggerated, fabricated");
      }
      boolean fabricated = r.rejectedType().equals(PreferenceRecord.FABRICATED);
      if (fabricated && r.fabricatedFacts().isEmpty()) {
        error(
            n,
            "a fabricated record needs fabricated_facts (the false facts as written in rejected)");
      }
      if (!fabricated && !r.fabricatedFacts().isEmpty()) {
        error(n, "fabricated_facts is only for rejected_type fabricated");
      }
      for (String fact : r.fabricatedFacts()) {
        if (!Folding.fold(r.rejected()).contains(Folding.fold(fact))) {
          error(n, "fabricated fact \"" + fact + "\" does not occur in the rejected copy");
        }
      }
      if (r.chosen().strip().equals(r.rejected().strip())) {
        error(n, "chosen and rejected are the same text");
      }
      if (res == null) {
        continue;
      }
      if (goldenProducts.contains(res.product.id())) {
        error(
            n,
            "product "
                + res.product.id()
                + " also has golden copies; the preference set must use other products");
      }
      checkPrompt(n, r.prompt(), builder.build(res.product, res.type, null));
      report(
          n,
          res.product.id() + "/" + res.type.id(),
          "chosen ",
          checker.check(r.chosen(), res.product, res.type));
      valid.add(n);
    }
    summary.add(
        "preference: "
            + read.records().size()
            + " records "
            + perType
            + minimum(coverage.minPreferenceRecords())
            + (coverage.minPreferencePerType() > 0
                ? ", >= " + coverage.minPreferencePerType() + " per type required"
                : ""));
    if (read.records().size() < coverage.minPreferenceRecords()) {
      errors.add(
          new KitProblem(
              label,
              0,
              0,
              "only "
                  + read.records().size()
                  + " records; brand.yaml coverage.min_preference_records is "
                  + coverage.minPreferenceRecords()));
    }
    for (String t : REJECTED_TYPES.stream().sorted().toList()) {
      int n = perType.getOrDefault(t, 0);
      if (n < coverage.minPreferencePerType()) {
        errors.add(
            new KitProblem(
                label,
                0,
                0,
                "only "
                    + n
                    + " records of rejected_type "
                    + t
                    + "; brand.yaml coverage.min_preference_per_type is "
                    + coverage.minPreferencePerType()));
      }
    }
    PreferenceEvaluation.Report ranking = PreferenceEvaluation.evaluate(kit, checker, valid);
    summary.addAll(ranking.lines());
    return ranking;
  }

  private record Resolved(Product product, ContentType type) {}

  private Resolved resolve(BrandKit kit, Numbered<?> n, RecordMeta meta) {
    Optional<Product> p = kit.product(meta.productId());
    Optional<ContentType> t = kit.contentType(meta.contentType());
    if (p.isEmpty()) {
      error(n, "unknown product_id \"" + meta.productId() + "\" (not in products.yaml)");
    }
    if (t.isEmpty()) {
      error(n, "unknown content_type \"" + meta.contentType() + "\" (not in content_types.yaml)");
    }
    return p.isPresent() && t.isPresent() ? new Resolved(p.get(), t.get()) : null;
  }

  private void checkPrompt(Numbered<?> n, List<ChatMessage> stored, List<ChatMessage> built) {
    if (stored.isEmpty()) {
      error(n, "prompt is missing; run brandtune brand fill-prompts --kit DIR");
    } else if (!stored.equals(built)) {
      error(
          n,
          "prompt differs from the prompt builder's output; run brandtune brand fill-prompts --kit DIR");
    }
  }

  /** Adds the rule findings of one copy; true when there was an error. */
  private boolean report(Numbered<?> n, String key, String which, CheckResult result) {
    boolean anyError = false;
    for (Finding f : result.findings()) {
      if (f.severity() == Severity.INFO) {
        continue;
      }
      String where = f.start() == f.end() ? "" : " [" + f.start() + "," + f.end() + ")";
      String message = key + " " + which + f.rule().id() + where + ": " + f.message();
      KitProblem p = new KitProblem(n.file(), n.line(), 0, message);
      if (f.isError()) {
        errors.add(p);
        anyError = true;
      } else {
        warnings.add(p);
      }
    }
    return anyError;
  }

  private void error(Numbered<?> n, String message) {
    errors.add(new KitProblem(n.file(), n.line(), 0, message));
  }
}
