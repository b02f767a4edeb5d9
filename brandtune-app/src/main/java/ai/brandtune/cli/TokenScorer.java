package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Log-probability of each token given the ones before it, from one forward pass. */
final class TokenScorer {
  private TokenScorer() {}

  /** {@code result[i]} is log p(ids[i + 1] | ids[0..i]); the first token has no score. */
  static float[] logprobs(CausalLm model, long[] ids) {
    if (ids.length < 2) {
      throw new BrandtuneException(
          "the text is " + ids.length + " token(s); scoring needs at least 2 tokens");
    }
    int context = model.config().maxPositionEmbeddings();
    if (ids.length > context) {
      throw new BrandtuneException(
          "the text is " + ids.length + " tokens, more than the model's context of " + context);
    }
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      long n = ids.length;
      Tensor input = Tensors.longs(new long[][] {ids}, model.device()); // (1, T)
      Tensor positions =
          torch.arange(new Scalar(n), Tensors.options(ScalarType.Long, model.device())).view(1, n);
      Tensor logits = model.forward(input, positions, null, null); // (1, T, V) float32
      Tensor logp = torch.log_softmax(logits.narrow(1, 0, n - 1), -1); // (1, T-1, V)
      Tensor next = input.narrow(1, 1, n - 1).unsqueeze(-1); // (1, T-1, 1)
      return Tensors.toFloats(logp.gather(-1, next).squeeze(-1));
    }
  }

  /** exp(-mean log-probability): the model's average branching factor on the text. */
  static double perplexity(float[] logprobs) {
    double sum = 0;
    for (float lp : logprobs) {
      sum += lp;
    }
    return Math.exp(-sum / logprobs.length);
  }
}
