package ai.brandtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.CausalLmCheckpoint;
import ai.brandtune.model.lora.LoraConfig;
import ai.brandtune.model.lora.LoraModel;
import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Tensors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brandtune merge}, and loading LoRA adapters in the commands that run a model. */
class MergeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long[][] IDS = {{5, 60, 72, 101, 33, 9}};

  @TempDir static Path tmp;
  static Path base;
  static Path adapter;
  static float[] adaptedLogits;
  static float[] baseLogits;

  /** The tiny model with a q_proj,v_proj adapter whose B is random (a trained-looking adapter). */
  @BeforeAll
  static void createModelAndAdapter() {
    base = TinyModel.create(tmp);
    CausalLm model = CausalLmCheckpoint.load(base, Devices.cpu(), ScalarType.Float);
    baseLogits = logits(model);
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(4, 8, 0.05, List.of("q_proj", "v_proj"), false), 1);
    Random rnd = new Random(2);
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      for (var a : lora.adapters().values()) {
        long[] shape = Tensors.shape(a.b());
        float[] v = new float[(int) (shape[0] * shape[1])];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (0.5 * rnd.nextGaussian());
        }
        a.b().copy_(Tensors.floats(v, shape, Devices.cpu()));
      }
    }
    adaptedLogits = logits(model);
    adapter = tmp.resolve("run").resolve("sft");
    lora.save(adapter, base.toString());
  }

  @Test
  void mergeWritesAFullCheckpointWithTheAdaptedLogits() throws Exception {
    Path out = tmp.resolve("merged");
    CliRun run =
        CliRun.of(
            "merge",
            "--base",
            base.toString(),
            "--adapter",
            adapter.toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("merged 4 LoRA projections (r=4", out.toString());
    for (String f :
        List.of(
            "config.json",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "generation_config.json")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    assertThat(Files.readString(out.resolve("generation_config.json")))
        .isEqualTo(Files.readString(base.resolve("generation_config.json")));
    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertThat(config.get("torch_dtype").asText()).isEqualTo("float32");
    assertThat(out.resolve("adapter_config.json")).doesNotExist();

    float[] merged = logits(CausalLmCheckpoint.load(out, Devices.cpu(), ScalarType.Float));
    assertThat(maxAbsDiff(merged, adaptedLogits)).isLessThan(1e-5);
    assertThat(maxAbsDiff(merged, baseLogits)).isGreaterThan(1e-3);
  }

  @Test
  void mergeFindsTheBaseFromTheAdapterConfigAndHonoursDtype() throws Exception {
    Path out = tmp.resolve("merged-bf16");
    CliRun run =
        CliRun.of(
            "merge", "--adapter", adapter.toString(), "--out", out.toString(), "--dtype", "bf16");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(out.resolve("config.json").toFile()).get("torch_dtype").asText())
        .isEqualTo("bfloat16");
  }

  @Test
  void generateRunsOnALoraDirectoryAsOnTheMergedModel() throws Exception {
    Path merged = tmp.resolve("merged-for-generate");
    assertThat(
            CliRun.of("merge", "--adapter", adapter.toString(), "--out", merged.toString())
                .exitCode())
        .isZero();

    JsonNode fromMerged = generate("--model", merged.toString());
    JsonNode fromAdapterDir = generate("--model", adapter.toString());
    JsonNode withAdapterFlag =
        generate("--model", base.toString(), "--adapter", adapter.toString());
    JsonNode fromBase = generate("--model", base.toString());

    assertThat(fromAdapterDir.get("token_ids")).isEqualTo(fromMerged.get("token_ids"));
    assertThat(withAdapterFlag.get("token_ids")).isEqualTo(fromMerged.get("token_ids"));
    assertThat(fromAdapterDir.get("logprobs")).isNotEqualTo(fromBase.get("logprobs"));
  }

  @Test
  void aLoraDirectoryWhoseBaseIsGoneNamesTheConfigAndTheBase() throws Exception {
    Path orphan = tmp.resolve("orphan");
    Files.createDirectories(orphan);
    for (String f : List.of("adapter_model.safetensors", "adapter_config.json")) {
      Files.copy(adapter.resolve(f), orphan.resolve(f));
    }
    String config =
        Files.readString(orphan.resolve("adapter_config.json"))
            .replace(JSON.writeValueAsString(base.toString()), "\"nowhere/base\"");
    Files.writeString(orphan.resolve("adapter_config.json"), config);

    CliRun run = CliRun.of("generate", "--model", orphan.toString(), "--prompt", "hi");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: " + orphan.resolve("adapter_config.json"))
        .contains("'nowhere/base'");
  }

  @Test
  void aMissingAdapterDirectoryIsNamed() {
    Path missing = tmp.resolve("no-such-adapter");
    CliRun run =
        CliRun.of(
            "merge",
            "--base",
            base.toString(),
            "--adapter",
            missing.toString(),
            "--out",
            tmp.resolve("x").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains(missing.toString()).contains("no such adapter directory");
  }

  @Test
  void mergingOverTheBaseIsRefused() {
    CliRun run = CliRun.of("merge", "--adapter", adapter.toString(), "--out", base.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--out").contains("must differ");
  }

  private static JsonNode generate(String... modelArgs) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "generate",
                "--raw",
                "--prompt",
                "Brand voice:",
                "--max-new-tokens",
                "6",
                "--temperature",
                "0",
                "--json"));
    args.addAll(List.of(modelArgs));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.outLines().get(0));
  }

  private static float[] logits(CausalLm model) {
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      long[][] positions = {{0, 1, 2, 3, 4, 5}};
      Tensor logits =
          model.forward(
              Tensors.longs(IDS, Devices.cpu()),
              Tensors.longs(positions, Devices.cpu()),
              null,
              null);
      return Tensors.toFloats(logits);
    }
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
