package ai.brandtune.brand;

/**
 * How much a kit's corpora must cover for {@code brand validate} to pass ({@code brand.yaml}'s
 * {@code coverage}); all zero for a brand that ships no corpora.
 *
 * @param minProducts products in the catalog
 * @param minGoldenProducts products that have a golden copy for every content type
 * @param minPreferenceRecords records in {@code preference_eval.jsonl}
 * @param minPreferencePerType records of each rejected type (weak, exaggerated, fabricated)
 */
public record CoverageTargets(
    int minProducts, int minGoldenProducts, int minPreferenceRecords, int minPreferencePerType) {

  public static final CoverageTargets NONE = new CoverageTargets(0, 0, 0, 0);
}
