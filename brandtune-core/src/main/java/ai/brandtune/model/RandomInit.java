package ai.brandtune.model;

import ai.brandtune.tensor.Scopes;
import ai.brandtune.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Fresh parameters as HF's {@code _init_weights} makes them: weights normal(0, initializer_range),
 * biases zero, norm scales one. Drawn in float32 on the CPU from one seeded generator, so a seed
 * gives the same model whatever the target dtype and device.
 */
public final class RandomInit implements ParameterSource {
  private final Generator generator;
  private final double std;
  private final Device device;
  private final ScalarType dtype;

  public RandomInit(ModelConfig config, long seed, Device device, ScalarType dtype) {
    this.generator = torch.createCPUGenerator(seed);
    this.std = config.initializerRange();
    this.device = device;
    this.dtype = dtype;
  }

  @Override
  public Tensor get(String name, long[] shape, Kind kind) {
    return Scopes.persistent(
        () -> {
          Tensor t =
              switch (kind) {
                case WEIGHT ->
                    Tensors.zeros(shape, ScalarType.Float, ai.brandtune.tensor.Devices.cpu())
                        .normal_(0.0, std, new GeneratorOptional(generator));
                case BIAS ->
                    Tensors.zeros(shape, ScalarType.Float, ai.brandtune.tensor.Devices.cpu());
                case NORM ->
                    Tensors.ones(shape, ScalarType.Float, ai.brandtune.tensor.Devices.cpu());
              };
          return t.to(device, dtype);
        });
  }
}
