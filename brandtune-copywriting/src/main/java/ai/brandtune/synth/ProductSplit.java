package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which products go to training and which to validation ({@code split.json}). Every record of a
 * product lands on the same side, so validation measures copy for products the model has not seen.
 *
 * <p>The assignment is a pure function of the product ids, the seed and the ratio: products are
 * ordered by SHA-256 of {@code seed:product_id} and the first {@code round(n * val_ratio)} go to
 * validation (at least one and at most n - 1 when the ratio is above zero and there are two or more
 * products; none when there is only one). It does not depend on the order or the number of records,
 * on the JVM, or on the other stages, so a rerun and another machine split alike.
 *
 * @param seed the seed of the order
 * @param valRatio the share of products in validation, in [0, 1)
 * @param trainProducts training product ids, sorted
 * @param valProducts validation product ids, sorted
 */
public record ProductSplit(
    long seed, double valRatio, List<String> trainProducts, List<String> valProducts) {

  public static final String TRAIN = "train";
  public static final String VAL = "val";

  public ProductSplit {
    trainProducts = List.copyOf(new TreeSet<>(trainProducts));
    valProducts = List.copyOf(new TreeSet<>(valProducts));
    Set<String> both = new TreeSet<>(trainProducts);
    both.retainAll(valProducts);
    if (!both.isEmpty()) {
      throw new BrandtuneException("products in both train and val: " + String.join(", ", both));
    }
  }

  /** Splits {@code products} (duplicates ignored). */
  public static ProductSplit of(Collection<String> products, double valRatio, long seed) {
    requireRatio(valRatio);
    List<String> ids = new ArrayList<>(new TreeSet<>(products));
    int n = ids.size();
    // train is never empty; val gets at least one product when asked for any and there are two
    int k = n < 2 ? 0 : (int) Math.round(n * valRatio);
    if (valRatio > 0 && n >= 2) {
      k = Math.max(1, Math.min(n - 1, k));
    }
    ids.sort(Comparator.comparing((String id) -> rank(seed, id)).thenComparing(id -> id));
    return new ProductSplit(seed, valRatio, ids.subList(k, n), ids.subList(0, k));
  }

  /** Rejects a ratio outside [0, 1), naming the config key. */
  public static void requireRatio(double valRatio) {
    if (!(valRatio >= 0 && valRatio < 1)) {
      throw new BrandtuneException(
          "val_ratio: "
              + valRatio
              + " is not in [0, 1); e.g. 0.1 puts a tenth of the products in val");
    }
  }

  /**
   * {@link #TRAIN} or {@link #VAL} for a product of the split, or null for one it does not know.
   */
  public String sideOf(String productId) {
    if (trainProducts.contains(productId)) {
      return TRAIN;
    }
    return valProducts.contains(productId) ? VAL : null;
  }

  private static String rank(long seed, String productId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((seed + ":" + productId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
