package ai.brandtune.rewards;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.train.grpo.RewardSample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The brand checker as the reward functions share it: a sample's {@code meta.product_id} and {@code
 * meta.content_type} pick the catalog product and content type, and each completion is checked once
 * however many brand functions score it (a small cache of recent results).
 */
final class BrandChecks {
  private static final int CACHE = 4096;

  /** A completion's check and the content type it was checked against. */
  record Checked(CheckResult result, ContentType type, Product product) {}

  private final BrandChecker checker;
  private final Map<String, Checked> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Checked> eldest) {
          return size() > CACHE;
        }
      };

  BrandChecks(BrandKit kit) {
    this.checker = new BrandChecker(kit);
  }

  BrandKit kit() {
    return checker.kit();
  }

  /**
   * The check of a sample's completion, or empty when its record names no known content type
   * ({@code meta.content_type}); the product ({@code meta.product_id}) may be absent or unknown,
   * and then the product-based rules (facts, product name) are skipped.
   */
  synchronized Optional<Checked> check(RewardSample s) {
    String typeId = s.metaString("content_type");
    if (typeId == null) {
      return Optional.empty();
    }
    Optional<ContentType> type = checker.kit().contentType(typeId);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String productId = s.metaString("product_id");
    Product product = productId == null ? null : checker.kit().product(productId).orElse(null);
    String key = typeId + "\u0000" + productId + "\u0000" + s.completion();
    Checked c = recent.get(key);
    if (c == null) {
      c = new Checked(checker.check(s.completion(), product, type.get()), type.get(), product);
      recent.put(key, c);
    }
    return Optional.of(c);
  }
}
