package ai.brandtune.cli;

import ai.brandtune.model.CausalLm;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Torch;
import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;
import picocli.CommandLine.Option;

/** Which checkpoint to load, and where and in what precision to run it. */
final class ModelOptions {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description =
          "Hugging Face model directory (config.json, safetensors, tokenizer files), or a LoRA"
              + " adapter directory (adapter_config.json), whose base model is then loaded.")
  Path dir;

  @Option(
      names = "--adapter",
      paramLabel = "DIR",
      description = "A PEFT LoRA adapter directory to apply on top of --model.")
  Path adapter;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "cpu, cuda, cuda:N, or auto (CUDA when available).")
  String device;

  @Option(
      names = "--dtype",
      defaultValue = "auto",
      paramLabel = "DTYPE",
      description =
          "Weight precision: float32, bfloat16, float16, or auto (float32 on CPU, bfloat16 on CUDA).")
  String dtype;

  Device resolveDevice() {
    return Devices.parse(device);
  }

  ScalarType resolveDtype(Device on) {
    return Dtypes.parse(dtype, on, "--dtype");
  }

  /** The base checkpoint and the adapter to apply, if any. */
  ModelLocation location() {
    return ModelLocation.resolve(dir, adapter, "--model");
  }

  /** The weights alone, for work that needs no tokenizer (benchmarks). */
  CausalLm loadWeights() {
    Torch.init();
    ModelLocation location = location();
    Device on = resolveDevice();
    return location.load(on, resolveDtype(on));
  }
}
