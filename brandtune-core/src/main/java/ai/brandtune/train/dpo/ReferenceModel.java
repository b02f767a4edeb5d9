package ai.brandtune.train.dpo;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.tensor.Scopes;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Where DPO's reference log-probs come from: the policy's own LoRA base with the adapters switched
 * off (no second copy of the weights), a separately loaded frozen model, or the policy itself
 * before any update (only to precompute). Always without gradients.
 */
final class ReferenceModel {
  private final CausalLm model;
  private final LoraModel lora; // non-null: run `model` with these adapters off
  private final boolean separate;

  private ReferenceModel(CausalLm model, LoraModel lora, boolean separate) {
    this.model = model;
    this.lora = lora;
    this.separate = separate;
  }

  /** The LoRA policy's base: the same weight tensors, adapters off for the reference pass. */
  static ReferenceModel adaptersOff(LoraModel lora) {
    return new ReferenceModel(lora.model(), lora, false);
  }

  /** A model of its own (its weights are a second copy, frozen). */
  static ReferenceModel separate(CausalLm model) {
    return new ReferenceModel(model, null, true);
  }

  /**
   * The policy as it is now; valid as a reference only while its weights are the initial ones
   * (precomputing before the first step).
   */
  static ReferenceModel initialPolicy(CausalLm policy) {
    return new ReferenceModel(policy, null, false);
  }

  CausalLm model() {
    return model;
  }

  /** Whether this reference holds weights of its own. */
  boolean isSeparate() {
    return separate;
  }

  /**
   * Each row's summed completion log-prob, float32 (R,), without gradients. Runs in the caller's
   * scope and autocast.
   */
  Tensor rowLogProbs(
      Tensor inputIds, Tensor positionIds, Tensor keyPadding, boolean[][] completionMask) {
    try (NoGradGuard noGrad = new NoGradGuard();
        LoraModel.AdaptersDisabled off = lora == null ? () -> {} : lora.disableAdapters()) {
      return CompletionLogProbs.sums(model, inputIds, positionIds, keyPadding, completionMask);
    }
  }

  /** Frees a separate model's weights once its log-probs are precomputed; no-op otherwise. */
  void release() {
    if (separate) {
      for (Tensor p : model.parameters().values()) {
        Scopes.release(p);
      }
    }
  }
}
