package ai.brandtune.train;

/** AdamW hyperparameters, named as transformers' TrainingArguments names them. */
public record AdamWSettings(double weightDecay, double beta1, double beta2, double epsilon) {
  /** transformers' defaults: weight_decay 0, betas (0.9, 0.999), eps 1e-8. */
  public static AdamWSettings defaults() {
    return new AdamWSettings(0.0, 0.9, 0.999, 1e-8);
  }
}
