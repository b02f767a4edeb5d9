package ai.brandtune.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * A batch's summed loss together with named metrics the algorithm wants logged (DPO's implicit
 * rewards, for example), computed from the same forward pass.
 *
 * @param summed the summed loss, as {@link TrainingObjective#summedLoss} returns it
 * @param metricSums each metric summed over the batch's units, like the loss: the trainer divides
 *     by the units of the whole step (or evaluation set) and logs the per-unit mean under the name
 *     ({@code eval_<name>} for evaluation), in the map's iteration order
 */
public record BatchLoss(Tensor summed, Map<String, Double> metricSums) {
  public BatchLoss {
    metricSums = Collections.unmodifiableMap(new LinkedHashMap<>(metricSums));
  }

  /** A loss with no extra metrics. */
  public static BatchLoss of(Tensor summed) {
    return new BatchLoss(summed, Map.of());
  }
}
