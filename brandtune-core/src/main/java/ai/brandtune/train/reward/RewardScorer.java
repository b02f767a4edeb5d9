package ai.brandtune.train.reward;

import ai.brandtune.data.EncodedPreference;
import ai.brandtune.data.PreferenceCollator;
import ai.brandtune.data.PreferenceEncoder;
import ai.brandtune.data.PreferenceEncoderOptions;
import ai.brandtune.data.PreferenceExample;
import ai.brandtune.model.RewardModel;
import ai.brandtune.tensor.Tensors;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.text.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Scores copies with a reward model, batched: each (prompt, response) is rendered with the model's
 * chat template exactly as training rendered its preference pairs (prompt, then the response as the
 * assistant turn), and the rows are sorted by length and run in batches of similar width. What
 * {@code brandtune rm score} and {@code rm eval} run, and what GRPO's reward function calls.
 *
 * <p>Not thread-safe: tensor work for one model stays on one thread.
 */
public final class RewardScorer implements AutoCloseable {
  /**
   * @param batchSize rows per forward pass
   * @param encoding max_length, max_prompt_length and chat-template variables, as in training
   */
  public record Options(int batchSize, PreferenceEncoderOptions encoding) {
    public Options {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
    }

    /** 16 rows per pass; TRL's default lengths (1024 tokens, prompt 512). */
    public static Options defaults() {
      return new Options(16, PreferenceEncoderOptions.defaults());
    }
  }

  private final RewardModel model;
  private final HfTokenizer tokenizer;
  private final boolean ownsTokenizer;
  private final PreferenceEncoder encoder;
  private final long padId;
  private final int batchSize;

  /** A scorer over an already loaded model and tokenizer (which the caller keeps and closes). */
  public RewardScorer(RewardModel model, HfTokenizer tokenizer, Options options) {
    this(model, tokenizer, false, options);
  }

  private RewardScorer(
      RewardModel model, HfTokenizer tokenizer, boolean ownsTokenizer, Options options) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.ownsTokenizer = ownsTokenizer;
    this.encoder = new PreferenceEncoder(tokenizer, options.encoding());
    this.padId = PreferenceCollator.forTokenizer(tokenizer).padId();
    this.batchSize = options.batchSize();
  }

  /**
   * Opens what {@code brandtune train rm} wrote (a SequenceClassification checkpoint or a SEQ_CLS
   * adapter, see {@link RewardModelLoader}) with its tokenizer; closing the scorer closes it.
   */
  public static RewardScorer open(Path dir, Device device, ScalarType dtype, Options options) {
    RewardModelLoader.Loaded loaded = RewardModelLoader.load(dir, device, dtype);
    HfTokenizer tokenizer = HfTokenizer.load(loaded.tokenizerDir());
    try {
      return new RewardScorer(loaded.model(), tokenizer, true, options);
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  public RewardModel model() {
    return model;
  }

  public HfTokenizer tokenizer() {
    return tokenizer;
  }

  /** The reward of one response to one prompt. */
  public double score(List<ChatMessage> prompt, String response) {
    return score(List.of(prompt), List.of(response))[0];
  }

  /** The rewards of {@code responses[i]} to {@code prompts[i]}, in order. */
  public double[] score(List<List<ChatMessage>> prompts, List<String> responses) {
    if (prompts.size() != responses.size()) {
      throw new IllegalArgumentException(
          prompts.size() + " prompts for " + responses.size() + " responses");
    }
    List<long[]> rows = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      rows.add(encode(prompts.get(i), responses.get(i), "input " + (i + 1)).chosenRow());
    }
    return scoreRows(rows);
  }

  /** Every example's chosen and rejected rewards, for {@link RewardEvaluation}. */
  public List<RewardEvaluation.Scored> scorePreferences(List<EncodedPreference> examples) {
    List<long[]> rows = new ArrayList<>();
    for (EncodedPreference p : examples) {
      rows.add(p.chosenRow());
      for (int i = 0; i < p.rejectedCount(); i++) {
        rows.add(p.rejectedRow(i));
      }
    }
    double[] rewards = scoreRows(rows);
    List<RewardEvaluation.Scored> scored = new ArrayList<>();
    int at = 0;
    for (EncodedPreference p : examples) {
      double chosen = rewards[at++];
      double[] rejected = Arrays.copyOfRange(rewards, at, at + p.rejectedCount());
      at += p.rejectedCount();
      scored.add(new RewardEvaluation.Scored(chosen, rejected, p.rejectedTypes(), p.chosenChars()));
    }
    return scored;
  }

  /**
   * The rewards of token rows (each a full chat-template render), in order; rows run sorted by
   * length, {@code batchSize} at a time, right-padded.
   */
  public double[] scoreRows(List<long[]> rows) {
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> rows.get(i).length));
    double[] rewards = new double[rows.size()];
    for (int from = 0; from < order.length; from += batchSize) {
      int to = Math.min(order.length, from + batchSize);
      List<long[]> batch = new ArrayList<>();
      for (int k = from; k < to; k++) {
        batch.add(rows.get(order[k]));
      }
      float[] r = forward(batch);
      for (int k = from; k < to; k++) {
        rewards[order[k]] = r[k - from];
      }
    }
    return rewards;
  }

  private float[] forward(List<long[]> batch) {
    int b = batch.size();
    int width = batch.stream().mapToInt(r -> r.length).max().orElse(0);
    if (width == 0) {
      throw new IllegalArgumentException("cannot score an empty token row");
    }
    long[][] ids = new long[b][width];
    long[][] positions = new long[b][width];
    long[][] real = new long[b][width];
    long[] last = new long[b];
    boolean padded = false;
    for (int r = 0; r < b; r++) {
      long[] row = batch.get(r);
      if (row.length == 0) {
        throw new IllegalArgumentException("cannot score an empty token row");
      }
      Arrays.fill(ids[r], padId);
      System.arraycopy(row, 0, ids[r], 0, row.length);
      Arrays.fill(real[r], 0, row.length, 1);
      for (int t = 0; t < width; t++) {
        positions[r][t] = t;
      }
      last[r] = row.length - 1;
      padded |= row.length < width;
    }
    Device device = model.device();
    try (PointerScope s = new PointerScope();
        NoGradGuard g = new NoGradGuard()) {
      Tensor keyPadding = padded ? Tensors.longs(real, device).to(ScalarType.Bool) : null;
      Tensor rewards =
          model.forward(
              Tensors.longs(ids, device),
              Tensors.longs(positions, device),
              keyPadding,
              Tensors.longs(last, device));
      return Tensors.toFloats(rewards.to(ScalarType.Float));
    }
  }

  /** Renders prompt + response as training renders a preference pair's chosen completion. */
  private EncodedPreference encode(List<ChatMessage> prompt, String response, String location) {
    // the encoder needs a rejected completion; it is rendered and dropped
    PreferenceExample example =
        new PreferenceExample(
            prompt, response, List.of(response), List.of(""), 0, Map.of(), location);
    return encoder.encode(example);
  }

  @Override
  public void close() {
    if (ownsTokenizer) {
      tokenizer.close();
    }
  }
}
