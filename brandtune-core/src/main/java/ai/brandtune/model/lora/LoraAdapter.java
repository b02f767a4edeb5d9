package ai.brandtune.model.lora;

import ai.brandtune.model.LinearAdapter;
import java.util.function.BooleanSupplier;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * One LoRA update on one projection: {@code delta(x) = scaling * B (A dropout(x))}, with A (r, in)
 * and B (out, r) trainable float32 matrices. The update is computed in float32 whatever the base
 * dtype, as PEFT does for a bf16 base, and cast back to the input's dtype; dropout applies only
 * while training and draws from libtorch's global generator, which the trainer seeds. The owning
 * {@link LoraModel} can switch all its adapters off for a while ({@link
 * LoraModel#disableAdapters()}), and the layer then computes its base output alone.
 */
public final class LoraAdapter implements LinearAdapter {
  private final Tensor a; // (r, in) float32
  private final Tensor b; // (out, r) float32
  private final double scaling;
  private final double dropout;
  private final BooleanSupplier training;
  private final BooleanSupplier enabled;

  LoraAdapter(
      Tensor a,
      Tensor b,
      double scaling,
      double dropout,
      BooleanSupplier training,
      BooleanSupplier enabled) {
    this.a = a;
    this.b = b;
    this.scaling = scaling;
    this.dropout = dropout;
    this.training = training;
    this.enabled = enabled;
  }

  /** False inside {@link LoraModel#disableAdapters()}: the layer then skips this update. */
  @Override
  public boolean active() {
    return enabled.getAsBoolean();
  }

  @Override
  public Tensor delta(Tensor x) {
    Tensor h = x.to(ScalarType.Float); // (…, in)
    if (dropout > 0 && training.getAsBoolean()) {
      h = torch.dropout(h, dropout, true);
    }
    Tensor y = torch.linear(torch.linear(h, a), b).mul(new Scalar(scaling));
    return y.to(x.scalar_type()); // (…, out)
  }

  /** {@code scaling * B A}, (out, in) float32: what merging adds to the base weight. */
  public Tensor deltaWeight() {
    return b.matmul(a).mul(new Scalar(scaling));
  }

  /** PEFT's {@code lora_A.weight}, (r, in) float32. */
  public Tensor a() {
    return a;
  }

  /** PEFT's {@code lora_B.weight}, (out, r) float32. */
  public Tensor b() {
    return b;
  }

  public double scaling() {
    return scaling;
  }
}
