package ai.brandtune.data.pairs;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;

/**
 * What the general preference readers keep. Lengths are in characters (Unicode code points) and
 * measured after markup cleanup; a pair is dropped by the first filter it fails, in the order of
 * {@link FilterCounts}.
 *
 * @param minChars shortest response kept (chosen and rejected alike), at least 1
 * @param maxChars longest response kept
 * @param maxPromptChars longest prompt kept (all its messages together)
 * @param minPreferenceStrength smallest |preference_strength| kept (HelpSteer2; ties, strength 0,
 *     are always dropped)
 * @param cleanMarkup run {@link MarkupCleaner} over prompts and responses
 * @param dropIdentical drop pairs whose chosen and rejected text are equal
 * @param onBadRecord a row that cannot be parsed or lacks a column: {@code ERROR} stops with the
 *     file and row number, {@code SKIP} counts it and goes on
 */
public record PairFilters(
    int minChars,
    int maxChars,
    int maxPromptChars,
    double minPreferenceStrength,
    boolean cleanMarkup,
    boolean dropIdentical,
    BadRecordPolicy onBadRecord) {

  public PairFilters {
    if (minChars < 1 || maxChars < minChars) {
      throw new BrandtuneException(
          "response length bounds must satisfy 1 <= min_chars <= max_chars, got "
              + minChars
              + " and "
              + maxChars);
    }
    if (maxPromptChars < 1) {
      throw new BrandtuneException("max_prompt_chars must be at least 1, got " + maxPromptChars);
    }
    if (!(minPreferenceStrength >= 0)) {
      throw new BrandtuneException(
          "min_preference_strength must be 0 or more, got " + minPreferenceStrength);
    }
    if (onBadRecord == null) {
      throw new IllegalArgumentException("onBadRecord is null");
    }
  }

  /** No length bounds, any non-tie strength, markup cleaned, identical pairs dropped, errors. */
  public static PairFilters defaults() {
    return new PairFilters(
        1, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, true, true, BadRecordPolicy.ERROR);
  }

  public PairFilters withChars(int min, int max) {
    return new PairFilters(
        min, max, maxPromptChars, minPreferenceStrength, cleanMarkup, dropIdentical, onBadRecord);
  }

  public PairFilters withMaxPromptChars(int value) {
    return new PairFilters(
        minChars, maxChars, value, minPreferenceStrength, cleanMarkup, dropIdentical, onBadRecord);
  }

  public PairFilters withMinPreferenceStrength(double value) {
    return new PairFilters(
        minChars, maxChars, maxPromptChars, value, cleanMarkup, dropIdentical, onBadRecord);
  }

  public PairFilters withCleanMarkup(boolean value) {
    return new PairFilters(
        minChars,
        maxChars,
        maxPromptChars,
        minPreferenceStrength,
        value,
        dropIdentical,
        onBadRecord);
  }

  public PairFilters withDropIdentical(boolean value) {
    return new PairFilters(
        minChars, maxChars, maxPromptChars, minPreferenceStrength, cleanMarkup, value, onBadRecord);
  }

  public PairFilters withOnBadRecord(BadRecordPolicy value) {
    return new PairFilters(
        minChars,
        maxChars,
        maxPromptChars,
        minPreferenceStrength,
        cleanMarkup,
        dropIdentical,
        value);
  }
}
