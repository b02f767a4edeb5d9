package ai.brandtune.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The trained part of a model as the loop sees it: its parameters, its train/eval mode, and how it
 * is written (a full checkpoint, or a PEFT adapter) and restored for resume.
 */
public interface TrainableModel {
  /** The parameters the optimizer updates, under stable names, in a stable order. */
  Map<String, Tensor> trainableParameters();

  /** Where the model computes (decides the autocast device type). */
  Device device();

  /** Turns dropout on or off. */
  void setTraining(boolean training);

  /** Writes the model files that a checkpoint and the final output hold into {@code dir}. */
  void writeTo(Path dir) throws IOException;

  /** Copies the trained weights that {@link #writeTo} wrote back into the live parameters. */
  void restoreFrom(Path dir);
}
