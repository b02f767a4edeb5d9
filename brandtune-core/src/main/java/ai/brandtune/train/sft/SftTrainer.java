package ai.brandtune.train.sft;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.BadRecordPolicy;
import ai.brandtune.data.BatchPlan;
import ai.brandtune.data.ChatExample;
import ai.brandtune.data.SftBatch;
import ai.brandtune.data.SftCollator;
import ai.brandtune.data.SftDataset;
import ai.brandtune.data.SftEncodedDataset;
import ai.brandtune.data.SftEncoder;
import ai.brandtune.data.SftEncoderOptions;
import ai.brandtune.data.SftExample;
import ai.brandtune.data.TruncationPolicy;
import ai.brandtune.io.CheckpointDirectory;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.ConfigSnapshot;
import ai.brandtune.train.LoopConfig;
import ai.brandtune.train.OutputFiles;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainableModel;
import ai.brandtune.train.TrainableSelection;
import ai.brandtune.train.Trainer;
import ai.brandtune.train.TrainingData;
import ai.brandtune.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs supervised fine-tuning from an {@link SftConfig}: reads and encodes the data, loads the
 * model (LoRA adapters or all weights trained), trains on the shared loop, and writes the final
 * adapter or checkpoint into {@code output_dir} with the tokenizer files.
 */
public final class SftTrainer {
  private static final Logger log = LoggerFactory.getLogger(SftTrainer.class);

  /** The resolved config, written into output_dir so a run records how it was made. */
  public static final String CONFIG_FILE = ConfigSnapshot.FILE;

  private SftTrainer() {}

  public static TrainingResult run(SftConfig config, StopSignal stop) {
    return run(config, stop, tokenizer -> encode(config, tokenizer));
  }

  /** Trains on the examples {@code data} encodes with the model's tokenizer. */
  static TrainingResult run(
      SftConfig config, StopSignal stop, java.util.function.Function<HfTokenizer, Datasets> data) {
    LoopConfig loop = config.loop();
    Path modelDir = Path.of(config.modelNameOrPath());
    CheckpointDirectory.requireModelDir(modelDir);
    Path outputDir = Path.of(loop.outputDir());
    ConfigSnapshot.write(config, outputDir);
    Device device = Devices.parse(loop.device());
    try (HfTokenizer tokenizer = HfTokenizer.load(modelDir)) {
      Datasets encoded = data.apply(tokenizer);
      CausalLm model = CausalLmCheckpoint.load(modelDir, device, baseDtype(config, device));
      TrainableModel trainable = trainable(config, model);
      TrainableSelection.logCount(modelDir, trainable, config.finetuningType() + " fine-tuning");
      SftCollator collator = SftCollator.forTokenizer(tokenizer);
      BatchPlan plan = plan(config, encoded.train());
      Trainer<SftBatch> trainer =
          new Trainer<>(
              loop.trainingArguments(),
              trainable,
              new SftObjective(model),
              new SftBatches(plan, encoded.train(), collator),
              evalBatches(encoded.eval(), collator, loop.perDeviceEvalBatchSize()));
      log.info(
          "{} steps ({} per epoch)", trainer.plan().totalSteps(), trainer.plan().stepsPerEpoch());
      TrainingResult result = trainer.train(stop);
      if (!result.stopped()) {
        OutputFiles.writeModel(outputDir, trainable, modelDir, !config.lora());
        log.info("wrote the {} model to {}", config.finetuningType(), outputDir);
      }
      return result;
    }
  }

  /** Training and evaluation examples, encoded with the model's chat template. */
  record Datasets(List<SftExample> train, List<SftExample> eval) {}

  static Datasets encode(SftConfig config, HfTokenizer tokenizer) {
    BadRecordPolicy policy = BadRecordPolicy.parse(config.onBadRecord(), "on_bad_record");
    TrainingData<ChatExample> examples =
        TrainingData.read(
            config.dataset(),
            config.evalDataset(),
            config.valSize(),
            config.loop().seed(),
            policy,
            new TrainingData.Reader<>(
                SftDataset::read, SftDataset::examples, SftDataset::badRecords));
    SftEncoderOptions options =
        new SftEncoderOptions(
            config.maxLength(),
            TruncationPolicy.parse(config.truncation(), "truncation"),
            config.trainOnPrompt(),
            config.chatTemplateKwargs());
    SftEncoder encoder = new SftEncoder(tokenizer, options);
    SftEncodedDataset encodedTrain = encoder.encodeAll(examples.train(), policy);
    log.info("training set: {}", encodedTrain.report().summary());
    if (encodedTrain.size() == 0) {
      throw new BrandtuneException(
          "dataset: no example left to train on (" + encodedTrain.report().summary() + ")");
    }
    List<SftExample> eval = List.of();
    if (!examples.eval().isEmpty()) {
      SftEncodedDataset encodedEval = encoder.encodeAll(examples.eval(), policy);
      log.info("evaluation set: {}", encodedEval.report().summary());
      eval = encodedEval.examples();
    }
    return new Datasets(encodedTrain.examples(), eval);
  }

  static ScalarType baseDtype(SftConfig config, Device device) {
    return TrainableSelection.baseDtype(device, config.loop().bf16(), config.lora());
  }

  static TrainableModel trainable(SftConfig config, CausalLm model) {
    LoraConfig lora =
        config.lora()
            ? TrainableSelection.lora(
                config.loraRank(),
                config.loraAlpha(),
                config.loraDropout(),
                config.loraTarget(),
                config.useRslora())
            : null;
    return TrainableSelection.causalLm(model, lora, config.loop().seed(), config.modelNameOrPath());
  }

  private static BatchPlan plan(SftConfig config, List<SftExample> train) {
    int[] lengths = train.stream().mapToInt(SftExample::length).toArray();
    return config.packing()
        ? BatchPlan.packed(
            lengths,
            config.loop().perDeviceTrainBatchSize(),
            config.maxLength(),
            config.loop().seed())
        : BatchPlan.padded(
            lengths,
            config.loop().perDeviceTrainBatchSize(),
            config.groupByLength(),
            config.loop().seed());
  }

  private static List<SftBatch> evalBatches(
      List<SftExample> eval, SftCollator collator, int batchSize) {
    List<SftBatch> batches = new ArrayList<>();
    for (int i = 0; i < eval.size(); i += batchSize) {
      batches.add(collator.padded(eval.subList(i, Math.min(eval.size(), i + batchSize))));
    }
    return batches;
  }
}
