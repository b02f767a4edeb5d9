package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.SftBatch;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.tensor.Autocast;
import ai.brandtune.tensor.Scopes;
import ai.brandtune.train.AdamWOptimizer;
import ai.brandtune.train.AdamWSettings;
import ai.brandtune.train.FullTrainable;
import ai.brandtune.train.LoraTrainable;
import ai.brandtune.train.TrainableModel;
import ai.brandtune.train.sft.SftLoss;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * One complete SFT optimizer step as {@code Trainer} runs it for a single micro-batch: the summed
 * token loss of {@link SftLoss} (under bf16 autocast when asked), divided by the labelled tokens,
 * backward, global-norm clipping, libtorch's AdamW update and clearing the gradients. What {@code
 * bench sft} times. {@link #close} frees the model and the optimizer state, so that the next
 * measurement starts from an empty device.
 */
final class SftOptimizerStep implements AutoCloseable {
  private static final double LEARNING_RATE = 1e-4;
  private static final double MAX_GRAD_NORM = 1.0;

  /** What trains: LoRA adapters on a frozen base, or every weight. */
  enum Mode {
    LORA,
    FULL;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Mode parse(String text, String flag) {
      for (Mode m : values()) {
        if (m.label().equalsIgnoreCase(text.trim())) {
          return m;
        }
      }
      throw new BrandtuneException(
          flag + " " + text + ": unknown mode; use lora, full, or lora,full");
    }
  }

  private final CausalLm model;
  private final TrainableModel trainable;
  private final LoraModel lora;
  private final List<Tensor> parameters;
  private final AdamWOptimizer optimizer;
  private final boolean bf16;

  private SftOptimizerStep(CausalLm model, TrainableModel trainable, LoraModel lora, boolean bf16) {
    this.model = model;
    this.trainable = trainable;
    this.lora = lora;
    this.bf16 = bf16;
    this.parameters = List.copyOf(trainable.trainableParameters().values());
    if (parameters.isEmpty()) {
      throw new BrandtuneException("the model has no trainable parameters");
    }
    this.optimizer = new AdamWOptimizer(parameters, AdamWSettings.defaults());
    optimizer.setLearningRate(LEARNING_RATE);
  }

  /**
   * Loads a fresh copy of the checkpoint in {@code dir} and makes it trainable as {@code train sft}
   * does: LoRA freezes the base and attaches {@code all-linear} adapters of rank {@code loraRank}
   * (alpha 2r, the config default); full turns gradients on for every weight. With {@code bf16} the
   * forward pass runs under bf16 autocast and, on CUDA, a LoRA base (which does not train) is held
   * in bf16, as {@code SftTrainer} chooses; trained weights stay float32.
   */
  static SftOptimizerStep load(
      Path dir, Device device, Mode mode, int loraRank, boolean bf16, long seed) {
    boolean bf16Base = device.is_cuda() && bf16 && mode == Mode.LORA;
    CausalLm model =
        CausalLmCheckpoint.load(dir, device, bf16Base ? ScalarType.BFloat16 : ScalarType.Float);
    if (mode == Mode.FULL) {
      return new SftOptimizerStep(model, FullTrainable.of(model), null, bf16);
    }
    LoraConfig config =
        new LoraConfig(loraRank, 2.0 * loraRank, 0.0, List.of(LoraConfig.ALL_LINEAR), false);
    LoraModel lora = LoraModel.attach(model, config, seed);
    return new SftOptimizerStep(model, new LoraTrainable(lora, dir.toString()), lora, bf16);
  }

  /** Values the optimizer updates. */
  long trainableParameters() {
    long n = 0;
    for (Tensor p : parameters) {
      n += p.numel();
    }
    return n;
  }

  /** Runs one step and returns its mean token loss. */
  double run(SftBatch batch) {
    try (PointerScope scope = new PointerScope()) {
      trainable.setTraining(true);
      long units = batch.labelledTokens();
      Tensor summed;
      try (Autocast autocast = Autocast.on(model.device(), ScalarType.BFloat16, bf16)) {
        summed = SftLoss.sum(model, batch).loss();
      }
      summed.div(new Scalar((double) units)).backward();
      double loss = summed.item_double() / units;
      // the op Trainer's GradientClipping calls
      torch.clip_grad_norm_(new TensorVector(parameters.toArray(new Tensor[0])), MAX_GRAD_NORM);
      optimizer.step();
      optimizer.zeroGrad();
      if (model.device().is_cuda()) {
        // the update's kernels are queued asynchronously: the step ends when they have run
        torch.synchronizeDevice(model.device().index());
      }
      return loss;
    }
  }

  /**
   * Frees the optimizer state and every weight of the model (and the adapters): the model is
   * unusable afterwards.
   */
  @Override
  public void close() {
    optimizer.close();
    Set<Tensor> released = Collections.newSetFromMap(new IdentityHashMap<>());
    released.addAll(model.parameters().values());
    if (lora != null) {
      released.addAll(lora.trainableParameters().values());
    }
    // every one was made by Scopes.persistent, when loaded or attached
    released.forEach(Scopes::release);
  }
}
