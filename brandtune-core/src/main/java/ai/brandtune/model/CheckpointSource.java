package ai.brandtune.model;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.SafetensorsWeights;
import ai.brandtune.io.TensorEntry;
import ai.brandtune.tensor.Scopes;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Serves parameters from a checkpoint's safetensors, checking each shape and converting to the
 * model's dtype and device. Remembers what was read, so the loader can reject tensors the
 * architecture does not have (usually a sign of the wrong config).
 */
final class CheckpointSource implements ParameterSource {
  private final SafetensorsWeights weights;
  private final Device device;
  private final ScalarType dtype;
  private final Set<String> read = new LinkedHashSet<>();

  CheckpointSource(SafetensorsWeights weights, Device device, ScalarType dtype) {
    this.weights = weights;
    this.device = device;
    this.dtype = dtype;
  }

  @Override
  public Tensor get(String name, long[] shape, Kind kind) {
    if (!weights.contains(name)) {
      throw new BrandtuneException(
          weights.source()
              + ": tensor '"
              + name
              + "' is missing (config.json does not match these weights?)");
    }
    TensorEntry entry = weights.entry(name);
    if (!Arrays.equals(entry.shape(), shape)) {
      throw new BrandtuneException(
          weights.source()
              + ": tensor '"
              + name
              + "' has shape "
              + Arrays.toString(entry.shape())
              + " but config.json implies "
              + Arrays.toString(shape));
    }
    read.add(name);
    return Scopes.persistent(() -> weights.load(name).to(device, dtype));
  }

  /** Throws when the checkpoint holds tensors no parameter asked for, bar known harmless ones. */
  void rejectUnread() {
    Set<String> unexpected =
        weights.names().stream()
            .filter(n -> !read.contains(n))
            .filter(n -> !n.endsWith("rotary_emb.inv_freq"))
            .filter(n -> !n.equals("lm_head.weight")) // tied checkpoints sometimes keep a copy
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (!unexpected.isEmpty()) {
      throw new BrandtuneException(
          weights.source()
              + ": "
              + unexpected.size()
              + " unexpected tensor(s) for this architecture, e.g. "
              + unexpected.stream().limit(5).collect(Collectors.joining(", ")));
    }
  }
}
