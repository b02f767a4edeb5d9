package ai.brandtune.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;

/**
 * One cell of {@code bench sft}: a fine-tuning mode at one batch size and sequence length.
 *
 * @param mode {@code lora} or {@code full}
 * @param trainableParameters values the optimizer updates
 * @param secondsPerStep median wall time of one optimizer step
 * @param peakMemoryBytes peak memory of the cell above its start (model, gradients, optimizer
 *     state, activations), or empty where it cannot be measured
 * @param memorySource how the peak was measured (see {@link PeakMemory#source})
 * @param lastLoss mean token loss of the last timed step
 */
record SftBenchResult(
    String mode,
    int batch,
    int seq,
    long trainableParameters,
    int steps,
    double secondsPerStep,
    OptionalLong peakMemoryBytes,
    String memorySource,
    double lastLoss) {

  private static final double MIB = 1024.0 * 1024.0;

  /** Every token of the batch goes through forward and backward. */
  double tokensPerSecond() {
    return batch * (double) seq / secondsPerStep;
  }

  /** The peak in MiB, or NaN when not measured. */
  double peakMemoryMib() {
    return peakMemoryBytes.isPresent() ? peakMemoryBytes.getAsLong() / MIB : Double.NaN;
  }

  ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("mode", mode);
    n.put("batch", batch);
    n.put("seq", seq);
    n.put("trainable_parameters", trainableParameters);
    n.put("steps", steps);
    n.put("seconds_per_step", secondsPerStep);
    n.put("tokens_per_second", tokensPerSecond());
    if (peakMemoryBytes.isPresent()) {
      n.put("peak_memory_bytes", peakMemoryBytes.getAsLong());
    } else {
      n.putNull("peak_memory_bytes");
    }
    n.put("memory_source", memorySource);
    n.put("last_loss", lastLoss);
    return n;
  }
}
