package ai.brandtune.data;

import org.bytedeco.pytorch.Tensor;

/**
 * A {@link PreferenceBatch} on a device.
 *
 * @param inputIds (B, T) int64
 * @param positionIds (B, T) int64
 * @param keyPadding (B, T) boolean, true for real tokens, or null when nothing is padded (pass to
 *     {@code CausalLm.forward})
 * @param completionMask (B, T) boolean, true on completion tokens (including end of turn)
 * @param lastIndex (B) int64, index of each row's last real token
 */
public record PreferenceTensors(
    Tensor inputIds,
    Tensor positionIds,
    Tensor keyPadding,
    Tensor completionMask,
    Tensor lastIndex) {}
