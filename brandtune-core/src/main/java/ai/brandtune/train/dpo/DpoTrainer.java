package ai.brandtune.train.dpo;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.data.PreferenceDataset;
import ai.brandtune.data.PreferenceEncodedDataset;
import ai.brandtune.data.PreferenceEncoder;
import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.ConfigSnapshot;
import ai.brandtune.train.LoraTrainable;
import ai.brandtune.train.OutputFiles;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainableModel;
import ai.brandtune.train.TrainableSelection;
import ai.brandtune.train.Trainer;
import ai.brandtune.train.TrainingData;
import ai.brandtune.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs DPO from a {@link DpoConfig}: reads and encodes the preference data with the model's chat
 * template, loads the policy (LoRA adapters or all weights trained) and its reference, trains on
 * the shared loop, and writes the final adapter or checkpoint into {@code output_dir} with the
 * tokenizer files.
 *
 * <p>The reference is, in order of preference: log-probs precomputed once before training ({@code
 * precompute_ref_log_probs}); the LoRA policy's own base with the adapters switched off (no second
 * copy of the weights); or a separately loaded frozen model ({@code ref_model}, else {@code
 * model_name_or_path} again for full fine-tuning). Precomputing under full fine-tuning without
 * {@code ref_model} uses the policy itself before its first update, so no second copy is loaded
 * either.
 */
public final class DpoTrainer {
  private static final Logger log = LoggerFactory.getLogger(DpoTrainer.class);

  private DpoTrainer() {}

  public static TrainingResult run(DpoConfig config, StopSignal stop) {
    Path modelDir = Path.of(config.modelNameOrPath());
    CheckpointDirectory.requireModelDir(modelDir);
    Path outputDir = Path.of(config.loop().outputDir());
    ConfigSnapshot.write(config, outputDir);
    Device device = Devices.parse(config.loop().device());
    try (HfTokenizer tokenizer = HfTokenizer.load(modelDir)) {
      Session session = prepare(config, tokenizer, device);
      TrainingResult result = session.trainer().train(stop);
      if (!result.stopped()) {
        OutputFiles.writeModel(outputDir, session.trainable(), modelDir, !config.lora());
        log.info("wrote the {} model to {}", config.finetuningType(), outputDir);
      }
      return result;
    }
  }

  /**
   * Everything a run trains with, before the first step.
   *
   * @param reference the reference model used per step, or null when the log-probs were precomputed
   */
  record Session(
      CausalLm policy,
      TrainableModel trainable,
      ReferenceModel reference,
      Trainer<DpoBatch> trainer,
      Datasets data) {}

  /** Training and evaluation examples, encoded with the model's chat template. */
  record Datasets(List<EncodedPreference> train, List<EncodedPreference> eval) {}

  /** Encodes the data, loads the policy and its reference, and builds the trainer. */
  static Session prepare(DpoConfig config, HfTokenizer tokenizer, Device device) {
    Path modelDir = Path.of(config.modelNameOrPath());
    Datasets data = encode(config, tokenizer);
    ScalarType dtype = baseDtype(config, device);
    CausalLm policy = CausalLmCheckpoint.load(modelDir, device, dtype);
    TrainableModel trainable = trainable(config, policy);
    TrainableSelection.logCount(modelDir, trainable, config.finetuningType() + " fine-tuning");
    ReferenceModel reference = reference(config, policy, trainable, device);
    PreferenceCollator collator = PreferenceCollator.forTokenizer(tokenizer);
    PrecomputedReference trainReference = null;
    PrecomputedReference evalReference = null;
    if (config.precomputeRefLogProbs()) {
      int batchSize = config.loop().perDeviceEvalBatchSize();
      trainReference =
          PrecomputedReference.compute(
              reference, data.train(), collator, batchSize, config.loop().bf16());
      evalReference =
          PrecomputedReference.compute(
              reference, data.eval(), collator, batchSize, config.loop().bf16());
      log.info(
          "precomputed reference log-probs of {} training and {} evaluation examples",
          data.train().size(),
          data.eval().size());
      reference.release();
      reference = null;
    }
    Trainer<DpoBatch> trainer =
        new Trainer<>(
            config.loop().trainingArguments(),
            trainable,
            new DpoObjective(policy, reference, config.loss()),
            new DpoBatches(
                DpoBatches.plan(
                    data.train(),
                    config.loop().perDeviceTrainBatchSize(),
                    config.groupByLength(),
                    config.loop().seed()),
                data.train(),
                collator,
                trainReference),
            DpoBatches.consecutive(
                data.eval(), collator, config.loop().perDeviceEvalBatchSize(), evalReference));
    log.info(
        "{} steps ({} per epoch)", trainer.plan().totalSteps(), trainer.plan().stepsPerEpoch());
    return new Session(policy, trainable, reference, trainer, data);
  }

  /**
   * The reference as the config asks: {@code ref_model} if given; else the LoRA base with the
   * adapters off; else, for full fine-tuning, the initial policy when precomputing or a second load
   * of {@code model_name_or_path}.
   */
  static ReferenceModel reference(
      DpoConfig config, CausalLm policy, TrainableModel trainable, Device device) {
    if (config.refModel() != null) {
      Path dir = Path.of(config.refModel());
      CheckpointDirectory.requireModelDir(dir);
      CausalLm ref = CausalLmCheckpoint.load(dir, device, referenceDtype(config, device));
      if (ref.config().vocabSize() != policy.config().vocabSize()) {
        throw new BrandtuneException(
            "ref_model: "
                + dir
                + " has a vocabulary of "
                + ref.config().vocabSize()
                + " tokens but model_name_or_path has "
                + policy.config().vocabSize()
                + "; the reference must share the policy's tokenizer");
      }
      log.info("reference model: {} (a separate copy)", dir);
      return ReferenceModel.separate(ref);
    }
    if (trainable instanceof LoraTrainable lora) {
      log.info("reference model: the base with the LoRA adapters off (no second copy)");
      return ReferenceModel.adaptersOff(lora.lora());
    }
    if (config.precomputeRefLogProbs()) {
      log.info("reference model: the initial weights, precomputed before training");
      return ReferenceModel.initialPolicy(policy);
    }
    log.info("reference model: a second, frozen copy of {}", config.modelNameOrPath());
    return ReferenceModel.separate(
        CausalLmCheckpoint.load(
            Path.of(config.modelNameOrPath()), device, referenceDtype(config, device)));
  }

  static Datasets encode(DpoConfig config, HfTokenizer tokenizer) {
    BadRecordPolicy policy = BadRecordPolicy.parse(config.onBadRecord(), "on_bad_record");
    TrainingData<PreferenceExample> examples =
        TrainingData.read(
            config.dataset(),
            config.evalDataset(),
            config.valSize(),
            config.loop().seed(),
            policy,
            new TrainingData.Reader<>(
                PreferenceDataset::read,
                PreferenceDataset::examples,
                PreferenceDataset::badRecords));
    PreferenceEncoder encoder =
        new PreferenceEncoder(
            tokenizer,
            new PreferenceEncoderOptions(
                config.maxLength(), config.maxPromptLength(), config.chatTemplateKwargs()));
    PreferenceEncodedDataset encodedTrain = encoder.encodeDataset(examples.train(), policy);
    log.info("training set: {}", encodedTrain.summary());
    if (encodedTrain.examples().isEmpty()) {
      throw new BrandtuneException(
          "dataset: no preference example left to train on (" + encodedTrain.summary() + ")");
    }
    List<EncodedPreference> eval = List.of();
    if (!examples.eval().isEmpty()) {
      PreferenceEncodedDataset encodedEval = encoder.encodeDataset(examples.eval(), policy);
      log.info("evaluation set: {}", encodedEval.summary());
      eval = encodedEval.examples();
    }
    return new Datasets(encodedTrain.examples(), eval);
  }

  static ScalarType baseDtype(DpoConfig config, Device device) {
    return TrainableSelection.baseDtype(device, config.loop().bf16(), config.lora());
  }

  /** A separate reference never trains: bf16 on CUDA with bf16, like a LoRA base. */
  static ScalarType referenceDtype(DpoConfig config, Device device) {
    return TrainableSelection.cudaBf16(device, config.loop().bf16())
        ? ScalarType.BFloat16
        : ScalarType.Float;
  }

  static TrainableModel trainable(DpoConfig config, CausalLm model) {
    LoraConfig lora =
        config.lora()
            ? TrainableSelection.lora(
                config.loraRank(),
                config.loraAlpha(),
                config.effectiveLoraDropout(),
                config.loraTarget(),
                config.useRslora())
            : null;
    return TrainableSelection.causalLm(model, lora, config.loop().seed(), config.modelNameOrPath());
  }
}
