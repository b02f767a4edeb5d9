package ai.brandtune.data;

import org.bytedeco.pytorch.Tensor;

/**
 * An {@link SftBatch} on a device. Exactly one way of masking applies: {@code attentionMask} (B, 1,
 * T, T) boolean for packed rows (pass to {@code CausalLm.forwardWithMask}), otherwise {@code
 * keyPadding} (B, T) boolean or null when nothing is padded (pass to {@code CausalLm.forward}).
 *
 * @param inputIds (B, T) int64
 * @param positionIds (B, T) int64
 * @param labels (B, T) int64, -100 where no loss is taken
 */
public record SftTensors(
    Tensor inputIds, Tensor positionIds, Tensor labels, Tensor keyPadding, Tensor attentionMask) {}
