package ai.brandtune.train.dpo;

import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceBatch;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.data.PreferenceTensors;
import ai.brandtune.tensor.Autocast;
import ai.brandtune.tensor.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Reference log-probs computed once for a whole dataset ({@code precompute_ref_log_probs}), so
 * training runs no reference forward pass per step and, for full fine-tuning without {@code
 * ref_model}, holds no second copy of the weights.
 *
 * <p>They are recomputed whenever a run starts, resumed or not, from the reference as it is before
 * the first update (the base weights, or the LoRA base). That costs one forward pass over the data
 * at start-up, about a third of one epoch, and can never go stale: a stored table would silently
 * mismatch an edited dataset or changed {@code max_length}.
 */
final class PrecomputedReference {
  private final double[][] values; // [example][0: chosen, 1 + j: rejected j]

  private PrecomputedReference(double[][] values) {
    this.values = values;
  }

  /**
   * Runs {@code reference} over {@code examples} in batches of {@code batchSize}, under the same
   * autocast as training.
   */
  static PrecomputedReference compute(
      ReferenceModel reference,
      List<EncodedPreference> examples,
      PreferenceCollator collator,
      int batchSize,
      boolean bf16) {
    double[][] values = new double[examples.size()][];
    Device device = reference.model().device();
    for (int start = 0; start < examples.size(); start += batchSize) {
      int end = Math.min(examples.size(), start + batchSize);
      PreferenceBatch batch = collator.collate(examples.subList(start, end));
      float[] rows;
      try (PointerScope scope = new PointerScope();
          Autocast autocast = Autocast.on(device, ScalarType.BFloat16, bf16)) {
        PreferenceTensors t = batch.toTensors(device);
        rows =
            Tensors.toFloats(
                reference.rowLogProbs(
                    t.inputIds(), t.positionIds(), t.keyPadding(), batch.completionMask()));
      }
      for (int e = start; e < end; e++) {
        values[e] = new double[examples.get(e).rows()];
      }
      for (int r = 0; r < batch.rows(); r++) {
        values[start + batch.rowExample()[r]][batch.rowRejected()[r] + 1] = rows[r];
      }
    }
    return new PrecomputedReference(values);
  }

  /**
   * The reference log-prob of each row of {@code batch}.
   *
   * @param exampleIds the dataset index of each of the batch's examples, in batch order
   */
  double[] rows(PreferenceBatch batch, int[] exampleIds) {
    double[] out = new double[batch.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = values[exampleIds[batch.rowExample()[r]]][batch.rowRejected()[r] + 1];
    }
    return out;
  }
}
