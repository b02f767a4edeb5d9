package ai.brandtune.model.lora;

import ai.brandtune.BrandtuneException;
import ai.brandtune.io.PeftAdapterConfig;
import ai.brandtune.io.PeftAdapterFiles;
import ai.brandtune.io.SafetensorsFile;
import ai.brandtune.model.RewardModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * LoRA on a {@link RewardModel} as PEFT does it for sequence classification ({@code task_type:
 * SEQ_CLS}): adapters on the decoder's projections, the decoder frozen, and the {@code score} head
 * trained whole and saved with the adapter as a {@code modules_to_save} entry. In {@code
 * adapter_model.safetensors} the head is {@code base_model.model.score.weight}, the key PEFT's
 * {@code get_peft_model_state_dict} gives a {@code ModulesToSaveWrapper}'s weight, so PEFT and
 * transformers load what brandtune writes (over a causal LM or SequenceClassification base) and the
 * other way round.
 */
public final class RewardLoraModel implements PeftAdapter {
  /** The head's key in {@code adapter_model.safetensors}. */
  public static final String SCORE_KEY =
      PeftAdapterFiles.KEY_PREFIX + RewardModel.SCORE_MODULE + ".weight";

  /**
   * Module names PEFT's {@code PeftModelForSequenceClassification} adds to {@code modules_to_save}
   * by itself; {@code classifier} matches nothing in a decoder and is ignored.
   */
  private static final Set<String> HEAD_MODULES = Set.of(RewardModel.SCORE_MODULE, "classifier");

  private final RewardModel model;
  private final LoraModel lora;

  private RewardLoraModel(RewardModel model, LoraModel lora) {
    this.model = model;
    this.lora = lora;
    model.score().set_requires_grad(true);
  }

  /**
   * Attaches fresh adapters (seeded as {@link LoraModel#attach}) to the decoder, freezes it and
   * makes the head trainable.
   */
  public static RewardLoraModel attach(RewardModel model, LoraConfig config, long seed) {
    return new RewardLoraModel(model, LoraModel.attach(model.decoder(), config, seed));
  }

  /**
   * Loads a reward-model adapter from {@code dir} onto {@code model}: the LoRA matrices onto the
   * decoder and the saved head into {@code model}'s {@code score}. Errors name the file and field
   * or tensor.
   */
  public static RewardLoraModel load(RewardModel model, Path dir) {
    PeftAdapterFiles.requireAdapterDir(dir);
    PeftAdapterConfig pc = PeftAdapterFiles.readConfig(dir);
    Path configFile = dir.resolve(PeftAdapterFiles.CONFIG);
    if (pc.taskType() != null && !pc.taskType().equals(PeftAdapterConfig.SEQ_CLS)) {
      throw new BrandtuneException(
          configFile
              + ": field 'task_type' is "
              + pc.taskType()
              + "; a reward model's adapter has "
              + PeftAdapterConfig.SEQ_CLS
              + (pc.taskType().equals(PeftAdapterConfig.CAUSAL_LM)
                  ? " (this adapter belongs to a language model)"
                  : ""));
    }
    for (String module : pc.modulesToSave()) {
      if (!HEAD_MODULES.contains(module)) {
        throw new BrandtuneException(
            configFile
                + ": field 'modules_to_save' names '"
                + module
                + "'; brandtune saves only the reward head ("
                + RewardModel.SCORE_MODULE
                + ") whole");
      }
    }
    LoraModel lora = LoraModel.load(model.decoder(), dir, pc, Set.of(SCORE_KEY));
    try (SafetensorsFile file = PeftAdapterFiles.openWeights(dir)) {
      if (!file.contains(SCORE_KEY)) {
        throw new BrandtuneException(
            file.path()
                + ": tensor '"
                + SCORE_KEY
                + "' is missing: the adapter holds no reward head (modules_to_save [\""
                + RewardModel.SCORE_MODULE
                + "\"])");
      }
      long[] shape = file.entry(SCORE_KEY).shape();
      long hidden = model.config().hiddenSize();
      if (!Arrays.equals(shape, new long[] {1, hidden})) {
        throw new BrandtuneException(
            file.path()
                + ": tensor '"
                + SCORE_KEY
                + "' has shape "
                + Arrays.toString(shape)
                + " but the base model needs [1, "
                + hidden
                + "] (an adapter for another model?)");
      }
      try (PointerScope s = new PointerScope();
          NoGradGuard noGrad = new NoGradGuard()) {
        Tensor score = model.score();
        score.copy_(file.load(SCORE_KEY).to(score.device(), ScalarType.Float));
      }
    }
    return new RewardLoraModel(model, lora);
  }

  public RewardModel model() {
    return model;
  }

  /** The decoder's adapters. */
  @Override
  public LoraModel lora() {
    return lora;
  }

  /**
   * The LoRA matrices under PEFT's names, then the head under {@link #SCORE_KEY}: the optimizer's
   * parameters and exactly the tensors of {@code adapter_model.safetensors}.
   */
  @Override
  public Map<String, Tensor> trainableParameters() {
    Map<String, Tensor> params = new LinkedHashMap<>(lora.trainableParameters());
    params.put(SCORE_KEY, model.score());
    return params;
  }

  /** Turns adapter dropout on (training) or off (scoring). */
  @Override
  public void setTraining(boolean on) {
    lora.setTraining(on);
  }

  /** The PEFT config this adapter is saved with: {@code SEQ_CLS}, the head in modules_to_save. */
  public PeftAdapterConfig peftConfig(String baseModelNameOrPath) {
    PeftAdapterConfig c = lora.peftConfig(baseModelNameOrPath);
    return new PeftAdapterConfig(
        c.r(),
        c.loraAlpha(),
        c.loraDropout(),
        c.targetModules(),
        c.targetModulesPattern(),
        c.useRslora(),
        c.baseModelNameOrPath(),
        PeftAdapterConfig.SEQ_CLS,
        List.of(RewardModel.SCORE_MODULE));
  }

  /** Saves the adapter and head as PEFT does, atomically replacing directory {@code dir}. */
  public void save(Path dir, String baseModelNameOrPath) {
    PeftAdapterFiles.save(dir, peftConfig(baseModelNameOrPath), trainableParameters());
  }

  /** Writes both adapter files into existing directory {@code dir}. */
  @Override
  public void writeTo(Path dir, String baseModelNameOrPath) throws IOException {
    PeftAdapterFiles.write(dir, peftConfig(baseModelNameOrPath), trainableParameters());
  }

  /**
   * Merges the adapters into the decoder's weights (the head already lives in the model): the model
   * then scores as base + adapter did, at base speed, and saves as a full checkpoint.
   */
  public void merge() {
    lora.merge();
  }
}
