package ai.brandtune.train.reward;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.Tensors;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The reward model's objective over one chosen and k >= 1 rejected completions per example, summed
 * over examples (the loop divides by the examples of the whole step). With r_c the chosen reward,
 * r_j the rejected ones and m the example's margin:
 *
 * <ul>
 *   <li>{@code pairwise_mean}: Bradley-Terry per pair, averaged over the example's pairs, {@code
 *       mean_j -log sigmoid(r_c - r_j - m)}; with one rejected this is TRL's RewardTrainer loss.
 *   <li>{@code softmax}: the chosen against all rejected at once, the first position of a
 *       Plackett-Luce ranking (InfoNCE): {@code -log softmax([r_c, r_1 + m, ..., r_k + m])[0]}; it
 *       equals Bradley-Terry when k = 1 and weighs each rejected by how close it comes.
 *   <li>{@code hardest_negative}: a hinge on the best-scored rejected only (VSE++ "max of hinges"),
 *       {@code max(0, max_j r_j - r_c + alpha + m)}: no gradient once the chosen wins by alpha + m.
 * </ul>
 *
 * {@code center_rewards_coefficient} c adds {@code c * mean_j (r_c + r_j)^2} per example (TRL's
 * centring term, which keeps rewards near zero so that they compare across prompts).
 */
public final class RewardLoss {

  /** The selectable objectives, by their config names. */
  public enum Type {
    PAIRWISE_MEAN("pairwise_mean"),
    SOFTMAX("softmax"),
    HARDEST_NEGATIVE("hardest_negative");

    private final String key;

    Type(String key) {
      this.key = key;
    }

    /** The config value, e.g. {@code pairwise_mean}. */
    public String key() {
      return key;
    }

    /** Parses a config value; {@code sigmoid} (TRL's name for Bradley-Terry) is pairwise_mean. */
    public static Type parse(String value, String field) {
      String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("sigmoid") || v.equals("bradley_terry")) {
        return PAIRWISE_MEAN;
      }
      for (Type t : values()) {
        if (t.key.equals(v)) {
          return t;
        }
      }
      throw new BrandtuneException(
          field
              + ": '"
              + value
              + "' is not a reward loss; use one of "
              + Arrays.stream(values()).map(Type::key).collect(Collectors.joining(", ")));
    }
  }

  private final Type type;
  private final double hingeAlpha;
  private final double centerCoefficient;

  /**
   * @param hingeAlpha the margin alpha of {@code hardest_negative} (ignored by the others)
   * @param centerRewardsCoefficient c of the centring term; 0 turns it off
   */
  public RewardLoss(Type type, double hingeAlpha, double centerRewardsCoefficient) {
    this.type = type;
    this.hingeAlpha = hingeAlpha;
    this.centerCoefficient = centerRewardsCoefficient;
  }

  public Type type() {
    return type;
  }

  /**
   * The loss summed over the examples of {@code groups}, a float32 scalar on the rewards' device,
   * attached to their graph.
   *
   * @param rewards (rows) float32, the batch's rewards in row order
   */
  public Tensor sum(Tensor rewards, RewardGroups groups) {
    int examples = groups.examples();
    int pairs = groups.pairs();
    long[] chosenOfPair = new long[pairs];
    long[] rejectedOfPair = new long[pairs];
    float[] pairWeight = new float[pairs]; // 1/k of the pair's example: per-example means
    float[] pairMargin = new float[pairs];
    int p = 0;
    for (int e = 0; e < examples; e++) {
      int[] rejected = groups.rejectedRows()[e];
      for (int row : rejected) {
        chosenOfPair[p] = groups.chosenRow()[e];
        rejectedOfPair[p] = row;
        pairWeight[p] = 1f / rejected.length;
        pairMargin[p] = (float) groups.margins()[e];
        p++;
      }
    }
    var device = rewards.device();
    Tensor rc = rewards.index_select(0, Tensors.longs(chosenOfPair, device)); // (P)
    Tensor rr = rewards.index_select(0, Tensors.longs(rejectedOfPair, device)); // (P)
    Tensor weight = Tensors.floats(pairWeight, new long[] {pairs}, device);
    Tensor loss =
        switch (type) {
          case PAIRWISE_MEAN -> {
            Tensor margin = Tensors.floats(pairMargin, new long[] {pairs}, device);
            Tensor diff = rc.sub(rr).sub(margin);
            yield torch.log_sigmoid(diff).neg().mul(weight).sum();
          }
          case SOFTMAX -> softmax(rewards, groups);
          case HARDEST_NEGATIVE -> hardestNegative(rewards, groups);
        };
    if (centerCoefficient != 0) {
      Tensor centring = rc.add(rr).pow(new Scalar(2.0)).mul(weight).sum();
      loss = loss.add(centring.mul(new Scalar(centerCoefficient)));
    }
    return loss;
  }

  /** {@code logsumexp([r_c, r_j + m ...]) - r_c} per example, summed. */
  private static Tensor softmax(Tensor rewards, RewardGroups groups) {
    int examples = groups.examples();
    int width = 1 + groups.maxRejected();
    long[] rows = new long[examples * width];
    float[] offsets = new float[examples * width];
    for (int e = 0; e < examples; e++) {
      int[] rejected = groups.rejectedRows()[e];
      int base = e * width;
      rows[base] = groups.chosenRow()[e];
      for (int j = 1; j < width; j++) {
        boolean real = j <= rejected.length;
        // a padded slot reads the chosen row and drops out of the sum at exp(-inf) = 0
        rows[base + j] = real ? rejected[j - 1] : groups.chosenRow()[e];
        offsets[base + j] = real ? (float) groups.margins()[e] : Float.NEGATIVE_INFINITY;
      }
    }
    var device = rewards.device();
    Tensor scores =
        rewards
            .index_select(0, Tensors.longs(rows, device))
            .view(examples, width)
            .add(Tensors.floats(offsets, new long[] {examples, width}, device));
    Tensor lse = torch.logsumexp(scores, new long[] {1}, false); // (E)
    return lse.sub(scores.select(1, 0)).sum();
  }

  /** {@code max(0, max_j r_j - r_c + alpha + m)} per example, summed. */
  private Tensor hardestNegative(Tensor rewards, RewardGroups groups) {
    int examples = groups.examples();
    int width = groups.maxRejected();
    long[] rows = new long[examples * width];
    float[] offsets = new float[examples * width];
    long[] chosen = new long[examples];
    float[] margins = new float[examples];
    for (int e = 0; e < examples; e++) {
      int[] rejected = groups.rejectedRows()[e];
      chosen[e] = groups.chosenRow()[e];
      margins[e] = (float) (hingeAlpha + groups.margins()[e]);
      for (int j = 0; j < width; j++) {
        boolean real = j < rejected.length;
        rows[e * width + j] = real ? rejected[j] : rejected[0];
        offsets[e * width + j] = real ? 0f : Float.NEGATIVE_INFINITY;
      }
    }
    var device = rewards.device();
    Tensor rejectedScores =
        rewards
            .index_select(0, Tensors.longs(rows, device))
            .view(examples, width)
            .add(Tensors.floats(offsets, new long[] {examples, width}, device));
    Tensor hardest = torch.amax(rejectedScores, new long[] {1}, false); // (E)
    Tensor rc = rewards.index_select(0, Tensors.longs(chosen, device));
    Tensor m = Tensors.floats(margins, new long[] {examples}, device);
    return torch.relu(hardest.sub(rc).add(m)).sum();
  }
}
