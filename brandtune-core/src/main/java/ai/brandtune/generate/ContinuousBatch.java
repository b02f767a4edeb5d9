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
 * Continuous batching: a fixed number of row slots share one KV cache, requests join between decode
 * steps and leave when their rows finish, freeing their slots for later requests.
 *
 * <p>The cache is a timeline of columns shared by every slot. A decode step appends one column (one
 * token per slot). A join step appends as many columns as the joining prompts are long: the new
 * rows put their prompt there, right-aligned, while every running row puts its next token in the
 * last column and masks the columns before it. Each slot's key mask hides the columns that are not
 * its own (earlier occupants, padding), and positions count each row's own tokens, so a row sees
 * exactly what it would see alone. Rows of one request share a seeded sampler, as in {@link
 * Generator}, so a seeded request gives the same tokens whichever requests run beside it.
 *
 * <p>Create, step and close it on one thread (it holds a pointer scope and a no-grad guard for its
 * lifetime); it is not thread-safe.
 */
public final class ContinuousBatch implements AutoCloseable {
  /** The caller's view of one admitted request; called on the generating thread. */
  public interface Handle {
    /** A token of the request's row {@code row} (0 until n) and the text it completes. */
    default void onToken(int row, long tokenId, String textDelta) {}

    /**
     * Whether {@link #onToken} needs the text deltas; without them the text is decoded once at the
     * end instead of after every token.
     */
    default boolean streams() {
      return true;
    }

    /** Checked before every step; true ends the request's rows as cancelled. */
    default boolean cancelled() {
      return false;
    }

    /** Every row finished (or was cancelled); one generation per row. */
    void onFinished(List<Generation> rows);
  }

  private final CausalLm model;
  private final Function<long[], String> detokenizer;
  private final Set<Long> eosIds;
  private final long padId;
  private final int slots;
  private final int columns;
  private final int context;
  private final PointerScope scope;
  private final NoGradGuard noGrad;
  private final KvCache cache;
  private final boolean[] visible; // (slots, columns): which cached columns each slot attends to
  private final Member[] occupant;
  private final long[] nextPosition;
  private final List<Member> running = new ArrayList<>();
  private final List<Member> joining = new ArrayList<>();
  private int cursor;

  /** One admitted request: its slots, rows and sampler. */
  private static final class Member {
    final GenerationRequest request;
    final Handle handle;
    final int[] slots;
    final List<Row> rows = new ArrayList<>();
    final Sampler sampler;

    Member(GenerationRequest request, Handle handle, int[] slots) {
      this.request = request;
      this.handle = handle;
      this.slots = slots;
      this.sampler = new Sampler(request.params(), slots.length);
    }

    int longestPrompt() {
      return request.prompts().stream().mapToInt(p -> p.length).max().orElse(0);
    }

    int remaining() {
      int most = 0;
      for (Row r : rows) {
        most = Math.max(most, r.finished() ? 0 : r.remaining());
      }
      return rows.isEmpty() ? request.params().maxNewTokens() : most;
    }

    boolean finished() {
      return rows.stream().allMatch(Row::finished);
    }
  }

  /**
   * @param slots rows generated together at most
   * @param columns cache length: every join uses as many columns as its longest prompt and every
   *     decode step one, so it bounds how much can join before the batch must drain
   */
  public ContinuousBatch(
      CausalLm model,
      Function<long[], String> detokenizer,
      Set<Long> eosIds,
      long padId,
      int slots,
      int columns) {
    if (slots < 1 || columns < 2) {
      throw new IllegalArgumentException("slots " + slots + ", columns " + columns);
    }
    this.model = model;
    this.detokenizer = detokenizer;
    this.eosIds = Set.copyOf(eosIds);
    this.padId = padId;
    this.slots = slots;
    this.columns = columns;
    this.context = model.config().maxPositionEmbeddings();
    this.scope = new PointerScope();
    this.noGrad = new NoGradGuard();
    this.cache = new KvCache(model.config(), slots, columns, model.dtype(), model.device());
    this.visible = new boolean[slots * columns];
    this.occupant = new Member[slots];
    this.nextPosition = new long[slots];
  }

  public int slots() {
    return slots;
  }

  /** Requests generating or waiting for their join step. */
  public int requests() {
    return running.size() + joining.size();
  }

  /** Slots no request holds. */
  public int freeSlots() {
    int free = 0;
    for (Member m : occupant) {
      free += m == null ? 1 : 0;
    }
    return free;
  }

  /** Requests that already generated at least one step (not those waiting to join). */
  public int generating() {
    return running.size();
  }

  public boolean idle() {
    return running.isEmpty() && joining.isEmpty();
  }

  /**
   * Whether the request can join now: enough free slots, and enough cache columns for its prompt
   * and for every row, running or joining, to reach its token limit.
   */
  public boolean canAdmit(GenerationRequest request) {
    if (request.prompts().size() > freeSlots()) {
      return false;
    }
    int width = Math.max(1, request.prompts().stream().mapToInt(p -> p.length).max().orElse(1));
    int remaining = request.params().maxNewTokens();
    for (Member m : joining) {
      width = Math.max(width, m.longestPrompt());
      remaining = Math.max(remaining, m.remaining());
    }
    for (Member m : running) {
      remaining = Math.max(remaining, m.remaining());
    }
    return cursor + width + remaining <= columns;
  }

  /** Takes the request into free slots; it starts generating at the next {@link #step()}. */
  public void admit(GenerationRequest request, Handle handle) {
    if (!canAdmit(request)) {
      throw new IllegalStateException("the request does not fit; check canAdmit first");
    }
    for (long[] p : request.prompts()) {
      if (p.length == 0) {
        throw new BrandtuneException("generate: a prompt is empty; it needs at least one token");
      }
      if (p.length + request.params().maxNewTokens() > context) {
        throw new BrandtuneException(
            "generate: prompt of "
                + p.length
                + " tokens plus "
                + request.params().maxNewTokens()
                + " new ones does not fit the model's context of "
                + context);
      }
    }
    int[] taken = new int[request.prompts().size()];
    int k = 0;
    for (int s = 0; s < slots && k < taken.length; s++) {
      if (occupant[s] == null) {
        taken[k++] = s;
      }
    }
    Member m = new Member(request, handle, taken);
    for (int i = 0; i < taken.length; i++) {
      occupant[taken[i]] = m;
      m.rows.add(
          new Row(
              request.prompts().get(i), request.params().maxNewTokens(), request.params().stop()));
    }
    joining.add(m);
  }

  /**
   * One forward pass: a join step when requests wait to join, else a decode step. Returns the
   * number of requests that generated a token in it.
   */
  public int step() {
    dropCancelled();
    if (idle()) {
      return 0;
    }
    int width = 1;
    for (Member m : joining) {
      width = Math.max(width, m.longestPrompt());
    }
    long[][] ids = new long[slots][width];
    long[][] positions = new long[slots][width];
    for (int s = 0; s < slots; s++) {
      Arrays.fill(ids[s], padId);
      Arrays.fill(positions[s], 1);
    }
    for (Member m : running) {
      for (int i = 0; i < m.slots.length; i++) {
        int s = m.slots[i];
        ids[s][width - 1] = m.rows.get(i).lastToken();
        positions[s][width - 1] = nextPosition[s]++;
        visible[s * columns + cursor + width - 1] = true;
      }
    }
    for (Member m : joining) {
      for (int i = 0; i < m.slots.length; i++) {
        int s = m.slots[i];
        long[] p = m.request.prompts().get(i);
        // an earlier occupant's columns are not this row's past
        Arrays.fill(visible, s * columns, s * columns + cursor + width, false);
        int pad = width - p.length;
        for (int t = 0; t < p.length; t++) {
          ids[s][pad + t] = p[t];
          positions[s][pad + t] = t;
          visible[s * columns + cursor + pad + t] = true;
        }
        nextPosition[s] = p.length;
      }
    }
    List<Member> active = new ArrayList<>(running);
    active.addAll(joining);
    running.addAll(joining);
    joining.clear();
    int total = cursor + width;
    try (PointerScope s = new PointerScope()) {
      Tensor logits =
          model.forwardLast(
              Tensors.longs(ids, model.device()),
              Tensors.longs(positions, model.device()),
              keyMask(total),
              cache);
      cursor = total;
      int generating = 0;
      for (Member m : active) {
        if (!m.finished()) {
          generating++;
          pick(m, logits);
        }
      }
      finishDone();
      return generating;
    }
  }

  private void pick(Member m, Tensor logits) {
    SamplingParams params = m.request.params();
    Tensor own =
        m.slots.length == slots
            ? logits
            : logits.index_select(
                0, Tensors.longs(Arrays.stream(m.slots).asLongStream().toArray(), model.device()));
    Sampler.Picked picked =
        m.sampler.pick(own, params.repetitionPenalty() != 1.0 ? history(m.rows) : null);
    for (int i = 0; i < m.rows.size(); i++) {
      Row row = m.rows.get(i);
      if (row.finished()) {
        continue;
      }
      long token = picked.tokens()[i];
      boolean eos = !params.ignoreEos() && eosIds.contains(token);
      String delta = row.append(token, picked.logprobs()[i], eos, detokenizer, m.handle.streams());
      m.handle.onToken(i, token, delta);
    }
  }

  private void dropCancelled() {
    for (List<Member> list : List.of(running, joining)) {
      for (Member m : list) {
        if (m.handle.cancelled()) {
          m.rows.forEach(Row::cancel);
        }
      }
    }
    finishDone();
  }

  private void finishDone() {
    for (List<Member> list : List.of(running, joining)) {
      for (int i = list.size() - 1; i >= 0; i--) {
        Member m = list.get(i);
        if (m.finished()) {
          list.remove(i);
          for (int s : m.slots) {
            occupant[s] = null;
          }
          List<Generation> out = new ArrayList<>();
          for (Row r : m.rows) {
            out.add(r.result(detokenizer));
          }
          m.handle.onFinished(out);
        }
      }
    }
  }

  /** (slots, total) boolean: the columns each slot attends to. */
  private Tensor keyMask(int total) {
    float[] mask = new float[slots * total];
    for (int s = 0; s < slots; s++) {
      for (int c = 0; c < total; c++) {
        mask[s * total + c] = visible[s * columns + c] ? 1f : 0f;
      }
    }
    return Tensors.floats(mask, new long[] {slots, total}, model.device()).to(ScalarType.Bool);
  }

  private Tensor history(List<Row> rows) {
    int width = rows.stream().mapToInt(Row::historyLength).max().orElse(1);
    long[][] ids = new long[rows.size()][width];
    for (int r = 0; r < rows.size(); r++) {
      rows.get(r).fillHistory(ids[r]);
    }
    return Tensors.longs(ids, model.device());
  }

  /** Frees the cache. Requests still inside end as cancelled. */
  @Override
  public void close() {
    for (List<Member> list : List.of(running, joining)) {
      list.forEach(m -> m.rows.forEach(Row::cancel));
    }
    finishDone();
    noGrad.close();
    scope.close();
  }
}
