package ai.brandtune.train;

import ai.brandtune.BrandtuneException;
import java.util.Locale;

/**
 * The learning rate at each optimizer step, as transformers' schedulers compute it: a linear warmup
 * from 0, then constant, linear decay or half-cosine decay to {@code minLrRatio * peak} at the last
 * step. Step {@code s} is the number of updates already taken, so the first update uses {@code
 * lr(0)}.
 */
public record LrSchedule(
    Type type, double peak, int warmupSteps, int totalSteps, double minLrRatio) {

  /** Schedule shapes, named as {@code lr_scheduler_type} values. */
  public enum Type {
    CONSTANT,
    LINEAR,
    COSINE;

    /**
     * Parses {@code constant}, {@code linear}, {@code cosine} (and {@code constant_with_warmup}).
     */
    public static Type parse(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "constant", "constant_with_warmup" -> CONSTANT;
        case "linear" -> LINEAR;
        case "cosine", "cosine_with_min_lr" -> COSINE;
        default ->
            throw new BrandtuneException(
                "lr_scheduler_type: unknown value '" + name + "' (use constant, linear or cosine)");
      };
    }
  }

  public LrSchedule {
    if (totalSteps < 1) {
      throw new BrandtuneException("the schedule needs at least one training step");
    }
    if (warmupSteps < 0 || minLrRatio < 0 || minLrRatio > 1) {
      throw new BrandtuneException(
          "warmup steps must be >= 0 and min_lr_ratio within [0, 1], got "
              + warmupSteps
              + " and "
              + minLrRatio);
    }
  }

  /**
   * Warmup given as steps when {@code warmupSteps > 0}, else as a fraction of the total (rounded
   * up, as transformers' get_warmup_steps does).
   */
  public static LrSchedule of(
      Type type, double peak, int totalSteps, int warmupSteps, double warmupRatio, double minLr) {
    int warmup = warmupSteps > 0 ? warmupSteps : (int) Math.ceil(totalSteps * warmupRatio - 1e-9);
    return new LrSchedule(type, peak, warmup, totalSteps, minLr);
  }

  /** The learning rate of update number {@code step} (0-based). */
  public double lr(int step) {
    if (step < warmupSteps) {
      return peak * step / Math.max(1, warmupSteps);
    }
    if (type == Type.CONSTANT) {
      return peak;
    }
    double progress =
        Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
    double decay =
        type == Type.LINEAR ? 1.0 - progress : 0.5 * (1.0 + Math.cos(Math.PI * progress));
    return peak * (minLrRatio + (1.0 - minLrRatio) * decay);
  }
}
