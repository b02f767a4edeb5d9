package ai.brandtune.train.reward;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.data.PreferenceDataset;
import ai.brandtune.data.PreferenceEncodedDataset;
import ai.brandtune.data.PreferenceEncoder;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.model.RewardModel;
import ai.brandtune.model.RewardModelCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.RewardLoraModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.ConfigSnapshot;
import ai.brandtune.train.FullTrainable;
import ai.brandtune.train.LoopConfig;
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
 * Trains a reward model from a {@link RewardConfig}: reads and encodes the preference data with the
 * model's chat template, starts from a causal LM (fresh head) or a SequenceClassification
 * checkpoint, trains the adapters and head (LoRA) or everything (full) on the shared loop, and
 * writes the final adapter or {@code *ForSequenceClassification} checkpoint into {@code output_dir}
 * with the tokenizer files.
 */
public final class RewardTrainer {
  private static final Logger log = LoggerFactory.getLogger(RewardTrainer.class);

  private RewardTrainer() {}

  public static RewardTrainingResult run(RewardConfig config, StopSignal stop) {
    Path modelDir = Path.of(config.modelNameOrPath());
    CheckpointDirectory.requireModelDir(modelDir);
    LoopConfig loop = config.loop();
    Path outputDir = Path.of(loop.outputDir());
    ConfigSnapshot.write(config, outputDir);
    Device device = Devices.parse(loop.device());
    try (HfTokenizer tokenizer = HfTokenizer.load(modelDir)) {
      Datasets data = encode(config, tokenizer);
      PreferenceCollator collator = PreferenceCollator.forTokenizer(tokenizer);
      RewardModel model =
          RewardModelCheckpoint.fromPretrained(
              modelDir,
              device,
              baseDtype(config, device),
              loop.seed(),
              Math.toIntExact(collator.padId()));
      TrainableModel trainable = trainable(config, model);
      TrainableSelection.logCount(
          modelDir, trainable, config.finetuningType() + " fine-tuning, loss " + config.lossType());
      RewardObjective objective =
          new RewardObjective(model, config.loss(), outputDir.resolve(ScoreHistogram.FILE));
      Trainer<RewardBatch> trainer =
          new Trainer<>(
              loop.trainingArguments(),
              trainable,
              objective,
              new RewardBatches(
                  RewardBatches.plan(
                      data.train(),
                      loop.perDeviceTrainBatchSize(),
                      config.groupByLength(),
                      loop.seed()),
                  data.train(),
                  collator),
              RewardBatches.inOrder(data.eval(), collator, loop.perDeviceEvalBatchSize()));
      log.info(
          "{} steps ({} per epoch)", trainer.plan().totalSteps(), trainer.plan().stepsPerEpoch());
      TrainingResult result = trainer.train(stop);
      if (!result.stopped()) {
        OutputFiles.writeModel(outputDir, trainable, modelDir, false);
        log.info("wrote the {} reward model to {}", config.finetuningType(), outputDir);
      }
      return new RewardTrainingResult(result, objective.lastReport());
    }
  }

  /** Training and evaluation examples, encoded with the model's chat template. */
  record Datasets(List<EncodedPreference> train, List<EncodedPreference> eval) {}

  static Datasets encode(RewardConfig config, HfTokenizer tokenizer) {
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
    PreferenceEncoder encoder = new PreferenceEncoder(tokenizer, config.encoderOptions());
    PreferenceEncodedDataset encodedTrain = encoder.encodeDataset(examples.train(), policy);
    log.info("training set: {}", encodedTrain.summary());
    if (encodedTrain.examples().isEmpty()) {
      throw new BrandtuneException(
          "dataset: no example left to train on (" + encodedTrain.summary() + ")");
    }
    List<EncodedPreference> eval = List.of();
    if (!examples.eval().isEmpty()) {
      PreferenceEncodedDataset encodedEval = encoder.encodeDataset(examples.eval(), policy);
      log.info("evaluation set: {}", encodedEval.summary());
      eval = encodedEval.examples();
    }
    return new Datasets(encodedTrain.examples(), eval);
  }

  /**
   * float32 on CPU. On CUDA with bf16, a LoRA base is held in bf16 (it does not train); fully
   * trained weights stay float32 and the forward pass autocasts. The head is float32 always.
   */
  static ScalarType baseDtype(RewardConfig config, Device device) {
    return TrainableSelection.baseDtype(device, config.loop().bf16(), config.lora());
  }

  static TrainableModel trainable(RewardConfig config, RewardModel model) {
    if (!config.lora()) {
      return FullTrainable.of(model);
    }
    LoraConfig lora =
        TrainableSelection.lora(
            config.loraRank(),
            config.loraAlpha(),
            config.loraDropout(),
            config.loraTarget(),
            config.useRslora());
    return new LoraTrainable(
        RewardLoraModel.attach(model, lora, config.loop().seed()), config.modelNameOrPath());
  }
}
