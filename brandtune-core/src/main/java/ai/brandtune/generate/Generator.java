package ai.brandtune.generate;

import ai.brandtune.BrandtuneException;
import ai.brandtune.model.CausalLm;
import ai.brandtune.model.KvCache;
import ai.brandtune.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Batched generation with a KV cache. Prompts of different lengths are left-padded so every row's
 * next token sits in the last column; padded slots are masked out of attention and position ids
 * count real tokens only, as transformers' generate does. Each decode step runs in its own pointer
 * scope, so native memory stays flat however long the generation.
 */
public final class Generator {
  private final CausalLm model;
  private final Function<long[], String> detokenizer;
  private final Set<Long> eosIds;
  private final long padId;

  /**
   * @param detokenizer ids to text without special tokens (used for text, stop strings, streaming)
   * @param eosIds tokens that end a row (from config.json and generation_config.json)
   */
  public Generator(
      CausalLm model, Function<long[], String> detokenizer, Set<Long> eosIds, long padId) {
    this.model = model;
    this.detokenizer = detokenizer;
    this.eosIds = Set.copyOf(eosIds);
    this.padId = padId;
  }

  public List<Generation> generate(List<long[]> prompts, SamplingParams params) {
    return generate(prompts, params, null);
  }

  public List<Generation> generate(
      List<long[]> prompts, SamplingParams params, TokenListener listener) {
    if (prompts.isEmpty()) {
      return List.of();
    }
    return generate(List.of(new GenerationRequest(prompts, params)), listener, BatchControl.NONE);
  }

  /**
   * Generates several requests in shared decode steps, each with its own sampling parameters, token
   * limit and stop strings. Returns every row's generation in order (request 0's rows first); the
   * listener's row index counts the same way.
   */
  public List<Generation> generate(
      List<GenerationRequest> requests, TokenListener listener, BatchControl control) {
    List<long[]> prompts = new ArrayList<>();
    for (GenerationRequest request : requests) {
      prompts.addAll(request.prompts());
    }
    if (prompts.isEmpty()) {
      return List.of();
    }
    int batch = prompts.size();
    int promptLen = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    if (prompts.stream().anyMatch(p -> p.length == 0)) {
      throw new BrandtuneException("generate: a prompt is empty; it needs at least one token");
    }
    int context = model.config().maxPositionEmbeddings();
    if (promptLen >= context) {
      throw new BrandtuneException(
          "generate: prompt of "
              + promptLen
              + " tokens does not fit the model's context of "
              + context);
    }
    List<Row> rows = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    int maxNew = 0;
    for (int q = 0; q < requests.size(); q++) {
      GenerationRequest request = requests.get(q);
      SamplingParams params = request.params();
      int rowMaxNew = Math.min(params.maxNewTokens(), context - promptLen);
      maxNew = Math.max(maxNew, rowMaxNew);
      int first = rows.size();
      for (long[] p : request.prompts()) {
        rows.add(new Row(p, rowMaxNew, params.stop()));
      }
      groups.add(new Group(first, request.prompts().size(), params));
    }
    try (PointerScope whole = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      KvCache cache =
          new KvCache(model.config(), batch, promptLen + maxNew, model.dtype(), model.device());
      Tensor keyPadding = keyPadding(prompts, promptLen, maxNew);
      long[] nextPosition = new long[batch];
      for (int step = 0; step < maxNew; step++) {
        try (PointerScope s = new PointerScope()) {
          Tensor logits =
              step == 0
                  ? prefill(prompts, promptLen, keyPadding, cache, nextPosition)
                  : decode(rows, keyPadding, cache, nextPosition, promptLen + step);
          int activeRequests = 0;
          boolean anyActive = false;
          for (int q = 0; q < groups.size(); q++) {
            Group g = groups.get(q);
            List<Row> mine = rows.subList(g.first, g.first + g.size);
            if (control.cancelled(q)) {
              mine.forEach(Row::cancel);
            }
            if (mine.stream().allMatch(Row::finished)) {
              continue;
            }
            activeRequests++;
            // one group needs no slicing, which keeps single-request runs exactly as before
            Tensor own = groups.size() == 1 ? logits : logits.narrow(0, g.first, g.size);
            Sampler.Picked picked =
                g.sampler.pick(own, g.params.repetitionPenalty() != 1.0 ? history(mine) : null);
            for (int i = 0; i < g.size; i++) {
              Row row = mine.get(i);
              if (row.finished()) {
                continue;
              }
              long token = picked.tokens()[i];
              boolean eos = !g.params.ignoreEos() && eosIds.contains(token);
              String delta =
                  row.append(token, picked.logprobs()[i], eos, detokenizer, listener != null);
              if (listener != null) {
                listener.onToken(g.first + i, token, delta);
              }
              anyActive |= !row.finished();
            }
          }
          control.onStep(activeRequests);
          if (!anyActive) {
            break;
          }
        }
      }
    }
    List<Generation> out = new ArrayList<>(batch);
    for (Row row : rows) {
      out.add(row.result(detokenizer));
    }
    return out;
  }

  /** The rows of one request and the sampler their seed drives. */
  private static final class Group {
    final int first;
    final int size;
    final SamplingParams params;
    final Sampler sampler;

    Group(int first, int size, SamplingParams params) {
      this.first = first;
      this.size = size;
      this.params = params;
      this.sampler = new Sampler(params, size);
    }
  }

  /** Full prompt pass; fills the cache and returns the last position's logits. */
  private Tensor prefill(
      List<long[]> prompts, int promptLen, Tensor keyPadding, KvCache cache, long[] nextPosition) {
    int batch = prompts.size();
    long[][] ids = new long[batch][promptLen];
    long[][] positions = new long[batch][promptLen];
    for (int r = 0; r < batch; r++) {
      long[] p = prompts.get(r);
      int pad = promptLen - p.length;
      Arrays.fill(ids[r], 0, pad, padId);
      System.arraycopy(p, 0, ids[r], pad, p.length);
      // transformers: cumsum(mask) - 1, with padded slots set to 1
      Arrays.fill(positions[r], 0, pad, 1);
      for (int t = 0; t < p.length; t++) {
        positions[r][pad + t] = t;
      }
      nextPosition[r] = p.length;
    }
    return model.forwardLast(
        Tensors.longs(ids, model.device()),
        Tensors.longs(positions, model.device()),
        keyPadding.narrow(1, 0, promptLen),
        cache);
  }

  /** One token per row at its next position. */
  private Tensor decode(
      List<Row> rows, Tensor keyPadding, KvCache cache, long[] nextPosition, int length) {
    int batch = rows.size();
    long[][] ids = new long[batch][1];
    long[][] positions = new long[batch][1];
    for (int r = 0; r < batch; r++) {
      ids[r][0] = rows.get(r).lastToken();
      positions[r][0] = nextPosition[r]++;
    }
    return model.forwardLast(
        Tensors.longs(ids, model.device()),
        Tensors.longs(positions, model.device()),
        keyPadding.narrow(1, 0, length),
        cache);
  }

  /** (B, promptLen + maxNew) boolean: false on left padding, true on every other slot. */
  private Tensor keyPadding(List<long[]> prompts, int promptLen, int maxNew) {
    int batch = prompts.size();
    float[] mask = new float[batch * (promptLen + maxNew)];
    for (int r = 0; r < batch; r++) {
      int pad = promptLen - prompts.get(r).length;
      Arrays.fill(mask, r * (promptLen + maxNew) + pad, (r + 1) * (promptLen + maxNew), 1f);
    }
    return Tensors.floats(mask, new long[] {batch, promptLen + maxNew}, model.device())
        .to(ScalarType.Bool);
  }

  /** Prompt plus generated tokens per row, right-padded with each row's own first token. */
  private Tensor history(List<Row> rows) {
    int width = rows.stream().mapToInt(Row::historyLength).max().orElse(1);
    long[][] ids = new long[rows.size()][width];
    for (int r = 0; r < rows.size(); r++) {
      rows.get(r).fillHistory(ids[r]);
    }
    return Tensors.longs(ids, model.device());
  }
}
