package ai.brandtune.brand.corpus;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.KitProblem;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.PromptBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The maintenance tool behind {@code brandtune brand fill-prompts}: assembles {@code golden.jsonl}
 * from the drafts in {@code golden/part-N.jsonl} (or rereads {@code golden.jsonl} when there are no
 * drafts), sorts it by product and content type, and sets every record's {@code prompt} to the
 * prompt builder's output; does the same for {@code preference_eval.jsonl} (keeping its order). Run
 * it after editing the brand, content types or catalog so the stored prompts stay current.
 */
public final class PromptFiller {
  private static final Pattern PART = Pattern.compile("part-(\\d+)\\.jsonl");

  /** What a run did. */
  public record Summary(
      int goldenRecords, int goldenParts, int preferenceRecords, boolean partsDeleted) {}

  private PromptFiller() {}

  /**
   * Fills the kit in {@code kitDir}.
   *
   * @param deleteParts delete {@code golden/part-*.jsonl} (and the folder when empty) after a
   *     successful assembly, making {@code golden.jsonl} the one copy to edit
   */
  public static Summary fill(Path kitDir, boolean deleteParts) {
    BrandKit kit = BrandKit.load(kitDir);
    PromptBuilder builder = new PromptBuilder(kit);
    List<Path> parts = parts(kitDir.resolve(KitFiles.GOLDEN_PARTS));
    Path goldenFile = kitDir.resolve(KitFiles.GOLDEN);
    List<Numbered<GoldenRecord>> golden = new ArrayList<>();
    if (!parts.isEmpty()) {
      for (Path part : parts) {
        golden.addAll(CorpusFiles.readGolden(part).orThrow());
      }
    } else if (Files.isRegularFile(goldenFile)) {
      golden.addAll(CorpusFiles.readGolden(goldenFile).orThrow());
    }
    boolean hasGolden = !parts.isEmpty() || Files.isRegularFile(goldenFile);
    List<GoldenRecord> goldenFilled = hasGolden ? fillGolden(kit, builder, golden) : List.of();
    Path prefFile = kitDir.resolve(KitFiles.PREFERENCE_EVAL);
    boolean hasPreference = Files.isRegularFile(prefFile);
    List<PreferenceRecord> prefFilled = new ArrayList<>();
    if (hasPreference) {
      List<KitProblem> problems = new ArrayList<>();
      for (Numbered<PreferenceRecord> n : CorpusFiles.readPreference(prefFile).orThrow()) {
        PreferenceRecord r = n.value();
        Resolved res = resolve(kit, n.where(), r.meta(), problems);
        if (res != null) {
          prefFilled.add(r.withPrompt(builder.build(res.product, res.type, null)));
        }
      }
      throwIfAny(problems);
    }
    // written only after both files were read and resolved, so a problem leaves both untouched
    if (hasGolden) {
      CorpusFiles.writeGolden(goldenFile, goldenFilled);
    }
    if (hasPreference) {
      CorpusFiles.writePreference(prefFile, prefFilled);
    }
    int goldenCount = goldenFilled.size();
    int prefCount = prefFilled.size();
    boolean deleted = false;
    if (deleteParts && !parts.isEmpty()) {
      try {
        for (Path p : parts) {
          Files.delete(p);
        }
        Path dir = kitDir.resolve(KitFiles.GOLDEN_PARTS);
        try (Stream<Path> left = Files.list(dir)) {
          if (left.findAny().isEmpty()) {
            Files.delete(dir);
          }
        }
        deleted = true;
      } catch (IOException e) {
        throw new BrandtuneException("cannot delete the golden drafts: " + e.getMessage(), e);
      }
    }
    return new Summary(goldenCount, parts.size(), prefCount, deleted);
  }

  private static List<GoldenRecord> fillGolden(
      BrandKit kit, PromptBuilder builder, List<Numbered<GoldenRecord>> golden) {
    List<KitProblem> problems = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    record Keyed(int productIndex, int typeIndex, GoldenRecord record) {}
    List<String> productIds = kit.products().stream().map(Product::id).toList();
    List<String> typeIds = kit.contentTypes().stream().map(ContentType::id).toList();
    List<Keyed> keyed = new ArrayList<>();
    for (Numbered<GoldenRecord> n : golden) {
      GoldenRecord r = n.value();
      Resolved res = resolve(kit, n.where(), r.meta(), problems);
      if (res == null) {
        continue;
      }
      String key = r.meta().productId() + "/" + r.meta().contentType();
      String first = seen.putIfAbsent(key, n.where());
      if (first != null) {
        problems.add(
            new KitProblem(
                n.file(),
                n.line(),
                0,
                "second golden copy for " + key + " (first at " + first + ")"));
        continue;
      }
      keyed.add(
          new Keyed(
              productIds.indexOf(res.product.id()),
              typeIds.indexOf(res.type.id()),
              r.withPrompt(builder.build(res.product, res.type, null))));
    }
    throwIfAny(problems);
    keyed.sort(Comparator.comparingInt(Keyed::productIndex).thenComparingInt(Keyed::typeIndex));
    return keyed.stream().map(Keyed::record).toList();
  }

  private record Resolved(Product product, ContentType type) {}

  private static Resolved resolve(
      BrandKit kit, String where, RecordMeta meta, List<KitProblem> problems) {
    Product p = kit.product(meta.productId()).orElse(null);
    ContentType t = kit.contentType(meta.contentType()).orElse(null);
    String[] fileLine = splitWhere(where);
    if (p == null) {
      problems.add(
          new KitProblem(
              fileLine[0],
              Integer.parseInt(fileLine[1]),
              0,
              "unknown product_id \"" + meta.productId() + "\" (not in products.yaml)"));
    }
    if (t == null) {
      problems.add(
          new KitProblem(
              fileLine[0],
              Integer.parseInt(fileLine[1]),
              0,
              "unknown content_type \"" + meta.contentType() + "\" (not in content_types.yaml)"));
    }
    return p == null || t == null ? null : new Resolved(p, t);
  }

  private static String[] splitWhere(String where) {
    int colon = where.lastIndexOf(':');
    return new String[] {where.substring(0, colon), where.substring(colon + 1)};
  }

  private static void throwIfAny(List<KitProblem> problems) {
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder(problems.size() + " problem(s); nothing was written:");
      problems.stream().limit(20).forEach(p -> sb.append("\n  ").append(p));
      throw new BrandtuneException(sb.toString());
    }
  }

  /** {@code part-N.jsonl} files of the drafts folder, by N. */
  static List<Path> parts(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            if (PART.matcher(f.getFileName().toString()).matches()) {
              out.add(f);
            }
          });
    } catch (IOException e) {
      throw new BrandtuneException(dir + ": cannot list: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingInt(PromptFiller::partNumber));
    return out;
  }

  private static int partNumber(Path p) {
    Matcher m = PART.matcher(p.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
  }
}
