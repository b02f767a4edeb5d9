package ai.brandtune.brand.corpus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code meta} object of a corpus record: the product and content type it was written for, plus
 * any other keys a writer added (kept in their order and written back unchanged).
 */
public record RecordMeta(String productId, String contentType, Map<String, Object> extra) {
  public RecordMeta {
    extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public RecordMeta(String productId, String contentType) {
    this(productId, contentType, Map.of());
  }
}
