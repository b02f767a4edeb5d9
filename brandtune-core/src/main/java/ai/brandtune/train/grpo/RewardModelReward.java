package ai.brandtune.train.grpo;

import ai.brandtune.BrandtuneException;
import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.reward.RewardScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reward_model}: the trained reward model's score of the completion, rendered with the
 * reward model's chat template as {@code train rm} rendered its pairs.
 *
 * <p>With {@code reward_model_centering: reference} the reward becomes {@code sigmoid(r - r_ref)},
 * where {@code r_ref} is the reward model's score of a reference copy for the same prompt: the
 * record's {@code meta.reference} if present, else its {@code answer}. The result lies in (0, 1),
 * is 0.5 for a completion as good as the reference, and saturates, so a policy cannot gain much by
 * pushing the raw score far past the reference (the usual reward-hacking path). A sample whose
 * record has no reference copy abstains. Reference scores are cached per (prompt, reference).
 */
public final class RewardModelReward implements RewardFunction {
  public static final String NAME = "reward_model";

  private final RewardScorer scorer;
  private final boolean centered;
  private final Map<String, Double> referenceScores = new HashMap<>();

  public RewardModelReward(RewardScorer scorer, boolean centered) {
    this.scorer = scorer;
    this.centered = centered;
  }

  /** Opens {@code reward_model_path} as the settings say. */
  public static RewardModelReward open(RewardSettings settings) {
    if (settings.rewardModelPath() == null) {
      throw new BrandtuneException(
          "reward_funcs lists reward_model but reward_model_path is not set (the directory"
              + " train rm wrote)");
    }
    Path dir = Path.of(settings.rewardModelPath());
    if (!Files.isDirectory(dir)) {
      throw new BrandtuneException("reward_model_path: no such directory " + dir);
    }
    RewardScorer scorer =
        RewardScorer.open(
            dir,
            settings.device(),
            settings.dtype(),
            new RewardScorer.Options(
                settings.rewardModelBatchSize(), PreferenceEncoderOptions.defaults()));
    return new RewardModelReward(
        scorer, GrpoConfig.CENTERING_REFERENCE.equals(settings.rewardModelCentering()));
  }

  /** The reference copy of a sample's record: {@code meta.reference}, else {@code answer}. */
  public static String reference(RewardSample s) {
    String ref = s.metaString("reference");
    if (ref != null && !ref.isBlank()) {
      return ref;
    }
    return s.answer() == null || s.answer().isBlank() ? null : s.answer();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Double score(RewardSample sample) {
    return scoreAll(List.of(sample)).get(0);
  }

  @Override
  public List<Double> scoreAll(List<RewardSample> samples) {
    List<List<ChatMessage>> prompts = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (RewardSample s : samples) {
      prompts.add(s.prompt());
      texts.add(s.completion());
    }
    double[] raw = scorer.score(prompts, texts);
    List<Double> out = new ArrayList<>(samples.size());
    if (!centered) {
      for (double r : raw) {
        out.add(r);
      }
      return out;
    }
    scoreMissingReferences(samples);
    for (int i = 0; i < samples.size(); i++) {
      String ref = reference(samples.get(i));
      if (ref == null) {
        out.add(null);
      } else {
        double rRef = referenceScores.get(key(samples.get(i), ref));
        out.add(1.0 / (1.0 + Math.exp(-(raw[i] - rRef))));
      }
    }
    return out;
  }

  private void scoreMissingReferences(List<RewardSample> samples) {
    List<List<ChatMessage>> prompts = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (RewardSample s : samples) {
      String ref = reference(s);
      if (ref == null) {
        continue;
      }
      String k = key(s, ref);
      if (!referenceScores.containsKey(k) && !keys.contains(k)) {
        prompts.add(s.prompt());
        refs.add(ref);
        keys.add(k);
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    double[] scores = scorer.score(prompts, refs);
    for (int i = 0; i < keys.size(); i++) {
      referenceScores.put(keys.get(i), scores[i]);
    }
  }

  private static String key(RewardSample s, String ref) {
    return s.prompt().toString() + "\u0000" + ref;
  }

  @Override
  public void close() {
    scorer.close();
  }
}
