package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import java.util.HashMap;
import java.util.Map;

/** Helpers shared by the stages that read records: kit lookups with locations, and item keys. */
final class Items {
  private Items() {}

  static Product product(BrandKit kit, String id, String where) {
    return kit.product(id)
        .orElseThrow(
            () ->
                new BrandtuneException(
                    where
                        + ": unknown product_id '"
                        + id
                        + "' (not in kit "
                        + kit.source().name()
                        + "); generate with the same kit"));
  }

  static ContentType type(BrandKit kit, String id, String where) {
    return kit.contentType(id)
        .orElseThrow(
            () ->
                new BrandtuneException(
                    where
                        + ": unknown content_type '"
                        + id
                        + "' (not in kit "
                        + kit.source().name()
                        + ")"));
  }

  /** Numbers repeated product/type pairs, so duplicates in an input get distinct keys. */
  static final class KeyMaker {
    private final Map<String, Integer> seen = new HashMap<>();

    String key(String productId, String contentType, Object... content) {
      String base = productId + "/" + contentType;
      int n = seen.merge(base, 1, Integer::sum) - 1;
      return base + "#" + n + "@" + Fingerprint.of(content).substring(0, 16);
    }
  }
}
