package ai.brandtune.cli;

import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Tensors;
import java.util.Collection;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The work of one training step without the optimizer: next-token cross-entropy, backward, and
 * clearing the gradients. What {@code bench forward} times; the optimizer update is a small,
 * parameter-count-bound extra on top.
 */
final class TrainingStep {
  private final CausalLm model;
  private final Collection<Tensor> parameters;

  /** Turns on gradients for every parameter of {@code model}. */
  TrainingStep(CausalLm model) {
    this.model = model;
    this.parameters = model.parameters().values();
    try (PointerScope scope = new PointerScope()) {
      for (Tensor p : parameters) {
        p.set_requires_grad(true);
      }
    }
  }

  /** Runs one step on (B, T) ids and returns the loss. */
  float run(long[][] ids) {
    try (PointerScope scope = new PointerScope()) {
      int batch = ids.length;
      int seq = ids[0].length;
      long[][] positions = new long[batch][seq];
      for (long[] row : positions) {
        for (int t = 0; t < seq; t++) {
          row[t] = t;
        }
      }
      Tensor input = Tensors.longs(ids, model.device()); // (B, T)
      Tensor logits = model.forward(input, Tensors.longs(positions, model.device()), null, null);
      long vocab = logits.size(2);
      Tensor predicted = logits.narrow(1, 0, seq - 1).reshape(-1, vocab); // (B*(T-1), V)
      Tensor targets = input.narrow(1, 1, seq - 1).reshape(-1); // (B*(T-1))
      Tensor loss = torch.cross_entropy(predicted, targets);
      loss.backward();
      // reading the loss waits for the device, so the step's time includes all its kernels
      float value = loss.item_float();
      zeroGrads();
      return value;
    }
  }

  private void zeroGrads() {
    for (Tensor p : parameters) {
      Tensor grad = p.grad();
      if (grad.defined()) {
        grad.zero_();
      }
    }
  }
}
