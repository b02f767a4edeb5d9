package ai.brandtune.model.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.brandtune.model.CausalLm;
import ai.brandtune.model.MicroModels;
import ai.brandtune.model.reference.ReferenceConfig;
import ai.brandtune.tensor.Tensors;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Initialization as PEFT's, frozen base, and gradients that reach A and B only. */
class LoraTrainabilityTest {

  @Test
  void aIsKaimingUniformAndBIsZero() {
    ReferenceConfig c = MicroModels.llamaUntied(); // hidden 24, intermediate 64
    CausalLm model = LoraFixtures.model(c, LoraFixtures.weights(c, 1));
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(8, 16, 0, List.of("all-linear"), false), 3);

    assertThat(lora.adapters()).hasSize(2 * 7);
    try (PointerScope s = new PointerScope()) {
      lora.adapters()
          .forEach(
              (module, adapter) -> {
                long in = model.linears().get(module).weight().size(1);
                double bound = 1 / Math.sqrt(in);
                float[] a = Tensors.toFloats(adapter.a());
                assertThat(Tensors.shape(adapter.a())).containsExactly(8, in);
                double maxAbs = 0;
                double sum = 0;
                for (float v : a) {
                  assertThat((double) Math.abs(v))
                      .as(module)
                      .isLessThanOrEqualTo(bound * (1 + 1e-6));
                  maxAbs = Math.max(maxAbs, Math.abs(v));
                  sum += v;
                }
                // uniform on the whole interval, centred: not a narrower or shifted draw
                assertThat(maxAbs).as(module).isGreaterThan(0.9 * bound);
                assertThat(Math.abs(sum / a.length)).as(module).isLessThan(0.2 * bound);
                assertThat(Tensors.toFloats(adapter.b())).containsOnly(0f);
                assertThat(Tensors.shape(adapter.b()))
                    .containsExactly(model.linears().get(module).weight().size(0), 8);
              });
    }
  }

  @Test
  void initDependsOnTheSeedOnlyNotOnTheGlobalGenerator() {
    ReferenceConfig c = MicroModels.qwen2Tied();
    Map<String, double[]> w = LoraFixtures.weights(c, 1);
    LoraConfig config = new LoraConfig(4, 8, 0, List.of("q_proj", "down_proj"), false);

    torch.manual_seed(1);
    float[] first = allA(LoraModel.attach(LoraFixtures.model(c, w), config, 42));
    torch.manual_seed(999);
    float[] again = allA(LoraModel.attach(LoraFixtures.model(c, w), config, 42));
    float[] other = allA(LoraModel.attach(LoraFixtures.model(c, w), config, 43));

    assertThat(again).containsExactly(first);
    assertThat(LoraFixtures.maxAbsDiff(first, other)).isGreaterThan(0.01);
  }

  @Test
  void gradientsFlowToAAndBOnly() {
    ReferenceConfig c = MicroModels.qwen2Tied();
    CausalLm model = LoraFixtures.model(c, LoraFixtures.weights(c, 2));
    try (PointerScope s = new PointerScope()) {
      // as a full fine-tune would have left them: attach must freeze the base
      model.parameters().values().forEach(p -> p.set_requires_grad(true));
    }
    LoraModel lora =
        LoraModel.attach(model, new LoraConfig(2, 4, 0.1, List.of("all-linear"), false), 1);
    // with B = 0 the gradient of A would be zero too; random B makes both non-trivial
    LoraFixtures.randomizeB(lora, 5);
    lora.setTraining(true);

    try (PointerScope s = new PointerScope()) {
      Tensor logits = LoraFixtures.forward(model); // (B, T, V)
      long v = logits.size(2);
      long t = logits.size(1);
      Tensor predicted = logits.narrow(1, 0, t - 1).reshape(-1, v);
      Tensor targets =
          Tensors.longs(LoraFixtures.IDS, ai.brandtune.tensor.Devices.cpu())
              .narrow(1, 1, t - 1)
              .reshape(-1);
      torch.cross_entropy(predicted, targets).backward();

      for (Map.Entry<String, Tensor> p : model.parameters().entrySet()) {
        assertThat(p.getValue().requires_grad()).as(p.getKey()).isFalse();
        assertThat(p.getValue().grad().defined()).as(p.getKey()).isFalse();
      }
      assertThat(lora.trainableParameters()).hasSize(2 * 2 * 7);
      for (Map.Entry<String, Tensor> p : lora.trainableParameters().entrySet()) {
        assertThat(p.getValue().requires_grad()).as(p.getKey()).isTrue();
        Tensor grad = p.getValue().grad();
        assertThat(grad.defined()).as(p.getKey()).isTrue();
        assertThat(grad.abs().max().item_float()).as(p.getKey()).isGreaterThan(0f);
      }
    }
  }

  private static float[] allA(LoraModel lora) {
    try (PointerScope s = new PointerScope()) {
      Tensor[] as =
          lora.adapters().values().stream().map(a -> a.a().reshape(-1)).toArray(Tensor[]::new);
      return Tensors.toFloats(torch.cat(new org.bytedeco.pytorch.TensorVector(as)));
    }
  }
}
