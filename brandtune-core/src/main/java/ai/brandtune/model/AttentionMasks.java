package ai.brandtune.model;

import ai.brandtune.tensor.Tensors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Attention masks for {@link Decoder#forwardWithMask}. */
public final class AttentionMasks {
  private AttentionMasks() {}

  /**
   * The block-diagonal causal mask of packed rows: token t may attend token s of the same row when
   * s <= t and both carry the same segment id, so no example sees another. Padding should carry a
   * segment id of its own (e.g. -1); every token may attend itself, so no row is all false.
   *
   * @param segmentIds (B, T) integer segment id per token
   * @return (B, 1, T, T) boolean, true = may attend
   */
  public static Tensor blockCausal(Tensor segmentIds) {
    long b = segmentIds.size(0);
    long t = segmentIds.size(1);
    Tensor pos = torch.arange(new Scalar(t), Tensors.options(ScalarType.Long, segmentIds.device()));
    Tensor causal = pos.view(1, t).le(pos.view(t, 1)); // (T, T): key <= query
    Tensor sameSegment = segmentIds.view(b, t, 1).eq(segmentIds.view(b, 1, t)); // (B, T, T)
    return sameSegment.logical_and(causal).view(b, 1, t, t);
  }
}
