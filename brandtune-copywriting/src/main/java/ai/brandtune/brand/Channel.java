package ai.brandtune.brand;

import java.util.Locale;

/** Where a copy is published; decides which format rules apply. */
public enum Channel {
  /** A 小红书-style note: title line, body, hashtag line. */
  SOCIAL_NOTE,
  /** An e-commerce detail page with 【section】 headings. */
  ECOMMERCE,
  /** A short paid ad (信息流) that ends with a call to action. */
  AD;

  /**
   * The id used in {@code content_types.yaml} ({@code social_note}, {@code ecommerce}, {@code ad}).
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Channel fromId(String id) {
    for (Channel c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return null;
  }
}
