package ai.brandtune.eval;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.corpus.CorpusFiles;
import ai.brandtune.brand.corpus.GoldenRecord;
import ai.brandtune.brand.corpus.Numbered;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The golden copy for a prompt: its own {@code answer} when it has one, else the brand kit's first
 * golden record for the same product and content type.
 */
final class GoldenCopies {
  private final Map<String, String> byKey = new HashMap<>();

  GoldenCopies(BrandKit kit) {
    String label = kit.source().label(KitFiles.GOLDEN);
    kit.source()
        .read(KitFiles.GOLDEN)
        .ifPresent(
            text -> {
              for (Numbered<GoldenRecord> n : CorpusFiles.readGolden(label, text).orThrow()) {
                GoldenRecord g = n.value();
                byKey.putIfAbsent(
                    key(g.meta().productId(), g.meta().contentType()), g.completion());
              }
            });
  }

  Optional<String> forPrompt(EvalPrompt p) {
    if (p.answer() != null && !p.answer().isBlank()) {
      return Optional.of(p.answer());
    }
    return Optional.ofNullable(byKey.get(key(p.productId(), p.contentType())));
  }

  private static String key(String product, String type) {
    return product + "/" + type;
  }
}
