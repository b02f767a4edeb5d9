package ai.brandtune.train;

import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Scopes;
import ai.brandtune.tensor.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A linear regression with dropout on its input, small enough to train in milliseconds, to test the
 * loop itself: batches shuffled per (seed, epoch), units = rows, summed squared error.
 */
final class ToyRegression
    implements TrainableModel, TrainingObjective<float[][]>, DataSource<float[][]> {
  static final int EXAMPLES = 6;
  private final Map<String, Tensor> params = new LinkedHashMap<>();
  private final long seed;
  private final double dropout;
  private final int batchSize;
  private boolean training;

  ToyRegression(long seed, double dropout, int batchSize) {
    this.seed = seed;
    this.batchSize = batchSize;
    this.dropout = dropout;
    params.put("w", param(new float[] {0.1f, -0.2f, 0.3f, 0.0f, 0.2f, 0.1f}, 2, 3));
    params.put("b", param(new float[] {0f, 0f}, 2));
  }

  private static Tensor param(float[] v, long... shape) {
    return Scopes.persistent(
        () -> {
          Tensor t = Tensors.floats(v, shape, Devices.cpu());
          t.set_requires_grad(true);
          return t;
        });
  }

  /** Example i: x = (i, 1, -i) / 5, y = (x0 + 2 x2, 1 - x1). */
  private static float[] example(int i) {
    float a = i / 5f;
    return new float[] {a, 0.2f, -a, a - 2 * a, 1 - 0.2f};
  }

  @Override
  public int batchesPerEpoch() {
    return EXAMPLES / batchSize;
  }

  @Override
  public float[][] batch(int epoch, int index) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < EXAMPLES; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed * 1000 + epoch));
    float[][] rows = new float[batchSize][];
    for (int r = 0; r < batchSize; r++) {
      rows[r] = example(order.get(index * batchSize + r));
    }
    return rows;
  }

  @Override
  public long units(float[][] batch) {
    return batch.length;
  }

  @Override
  public long tokens(float[][] batch) {
    return batch.length;
  }

  @Override
  public Tensor summedLoss(float[][] batch) {
    float[] x = new float[batch.length * 3];
    float[] y = new float[batch.length * 2];
    for (int r = 0; r < batch.length; r++) {
      System.arraycopy(batch[r], 0, x, r * 3, 3);
      System.arraycopy(batch[r], 3, y, r * 2, 2);
    }
    Tensor xt = Tensors.floats(x, new long[] {batch.length, 3}, Devices.cpu());
    Tensor yt = Tensors.floats(y, new long[] {batch.length, 2}, Devices.cpu());
    Tensor dropped = torch.dropout(xt, dropout, training);
    Tensor pred =
        torch.linear(
            dropped, params.get("w"), new org.bytedeco.pytorch.TensorOptional(params.get("b")));
    return pred.sub(yt).pow(new org.bytedeco.pytorch.Scalar(2)).sum();
  }

  @Override
  public Map<String, Tensor> trainableParameters() {
    return params;
  }

  @Override
  public Device device() {
    return Devices.cpu();
  }

  @Override
  public void setTraining(boolean training) {
    this.training = training;
  }

  @Override
  public void writeTo(Path dir) {
    ParameterFiles.write(dir.resolve("toy.safetensors"), params);
  }

  @Override
  public void restoreFrom(Path dir) {
    ParameterFiles.restore(dir.resolve("toy.safetensors"), params);
  }

  float[] weights() {
    try (PointerScope s = new PointerScope()) {
      float[] w = Tensors.toFloats(params.get("w").detach());
      float[] b = Tensors.toFloats(params.get("b").detach());
      float[] all = new float[w.length + b.length];
      System.arraycopy(w, 0, all, 0, w.length);
      System.arraycopy(b, 0, all, w.length, b.length);
      return all;
    }
  }
}
