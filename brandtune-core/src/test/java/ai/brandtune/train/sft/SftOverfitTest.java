package ai.brandtune.train.sft;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.generate.FinishReason;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.Generator;
import ai.brandtune.generate.SamplingParams;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.tensor.Devices;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import ai.brandtune.train.StopSignal;
import ai.brandtune.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The failure SFT is most known for: a model that never stops because its end-of-turn token was
 * masked. Overfit eight conversations, then check greedy generation reproduces each answer and
 * stops by itself, also when the tokenizer's pad token is its EOS token.
 */
class SftOverfitTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "pad token is EOS: {0}")
  @ValueSource(booleans = {false, true})
  void learnsEachAnswerAndToStop(boolean padIsEos) throws Exception {
    Path base = SftFixtures.tinyModel(tmp, padIsEos);
    Path data = SftFixtures.chatData(tmp.resolve("train.jsonl"));
    Path out = tmp.resolve("sft");
    SftConfig config =
        SftFixtures.config(
            base,
            data,
            out,
            "finetuning_type=full",
            "learning_rate=5e-3",
            "lr_scheduler_type=constant",
            "warmup_steps=5",
            "per_device_train_batch_size=8",
            "max_steps=120",
            "save_steps=1000",
            "max_grad_norm=1.0");
    TrainingResult result = SftTrainer.run(config, StopSignal.manual());
    double last = result.stepLosses().get(result.stepLosses().size() - 1);
    assertThat(last).as("final training loss").isLessThan(0.05);

    try (HfTokenizer tokenizer = HfTokenizer.load(out)) {
      long eos = tokenizer.eosTokenId().orElseThrow();
      if (padIsEos) {
        assertThat(tokenizer.padTokenId()).contains(eos);
      }
      CausalLm model = CausalLmCheckpoint.load(out, Devices.cpu(), ScalarType.Float);
      Generator generator =
          new Generator(model, tokenizer::decode, Set.of(eos), tokenizer.padTokenId().orElse(eos));
      for (String[] qa : SftFixtures.QA) {
        String prompt =
            tokenizer.applyChatTemplate(List.of(ChatMessage.user(qa[0])), true, Map.of());
        Generation g =
            generator.generate(List.of(tokenizer.encode(prompt)), SamplingParams.greedy(40)).get(0);
        assertThat(g.text()).as("answer to %s", qa[0]).isEqualTo(qa[1]);
        assertThat(g.finishReason()).as("finish of %s", qa[0]).isEqualTo(FinishReason.STOP);
      }
    }
  }
}
