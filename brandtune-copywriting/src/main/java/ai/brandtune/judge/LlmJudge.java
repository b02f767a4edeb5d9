package ai.brandtune.judge;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.text.ChatMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * The LLM judge. Absolute mode scores each copy per rubric dimension; comparative mode shows N
 * candidates under anonymous labels (A, B, ...) in a seeded random order, then again in a rotated
 * order, and keeps a winner only when both orders agree. Both modes are reference-guided when a
 * golden copy is given. Answers are extracted leniently ({@link JsonExtraction}), validated
 * strictly ({@link JudgeSchema}) and retried with the validation error; an item that still fails is
 * recorded as failed. The rubric's hard caps are then enforced from the brand checker's findings.
 */
public final class LlmJudge {
  private final JudgeBackend backend;
  private final Map<String, Rubric> rubrics;
  private final BrandKit kit;
  private final BrandChecker checker;
  private final int maxAttempts;
  private final long seed;

  /**
   * @param maxAttempts attempts per item when answers fail the schema (the backend retries
   *     transport errors on its own)
   * @param seed drives the presentation orders of comparisons
   */
  public LlmJudge(
      JudgeBackend backend, Map<String, Rubric> rubrics, BrandKit kit, int maxAttempts, long seed) {
    if (maxAttempts < 1) {
      throw new BrandtuneException("judge max attempts must be >= 1, got " + maxAttempts);
    }
    this.backend = backend;
    this.rubrics = Map.copyOf(rubrics);
    this.kit = kit;
    this.checker = new BrandChecker(kit);
    this.maxAttempts = maxAttempts;
    this.seed = seed;
  }

  /**
   * One copy to score.
   *
   * @param reference the golden copy anchoring the scale, or null for a reference-free judgment
   */
  public record Item(
      String id,
      List<ChatMessage> prompt,
      String productId,
      String contentType,
      String copy,
      String reference) {}

  /**
   * Candidates to compare.
   *
   * @param candidates candidate name (a model) to its copy; names never reach the judge
   */
  public record Comparison(
      String id,
      List<ChatMessage> prompt,
      String productId,
      String contentType,
      Map<String, String> candidates,
      String reference) {
    public Comparison {
      candidates = Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
    }
  }

  /** The rubric for a content type: its channel's. */
  public Rubric rubric(String contentTypeId) {
    ContentType type = kit.requireContentType(contentTypeId);
    Rubric r = rubrics.get(type.channel().id());
    if (r == null) {
      throw new BrandtuneException("no rubric for content-type group " + type.channel().id());
    }
    return r;
  }

  /** Absolute verdicts, one per item, in order. */
  public List<JudgeOutcome<AbsoluteVerdict>> absolute(List<Item> items) {
    return absolute(items, 0);
  }

  /** Absolute verdicts sent as {@code variant} (see {@link JudgeBackend#complete}). */
  public List<JudgeOutcome<AbsoluteVerdict>> absolute(List<Item> items, int variant) {
    List<List<ChatMessage>> conversations = new ArrayList<>();
    for (Item it : items) {
      conversations.add(
          JudgePrompt.absolute(
              rubric(it.contentType()), brief(it.prompt()), it.copy(), it.reference()));
    }
    List<JudgeOutcome<AbsoluteVerdict>> raw =
        ask(
            conversations,
            variant,
            (i, json) -> JudgeSchema.absolute(json, rubric(items.get(i).contentType())));
    List<JudgeOutcome<AbsoluteVerdict>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JudgeOutcome<AbsoluteVerdict> o = raw.get(i);
      if (!o.ok()) {
        out.add(o);
        continue;
      }
      Item it = items.get(i);
      Map<String, String> capped = new LinkedHashMap<>();
      Map<String, Integer> scores =
          cap(o.verdict().scores(), it.copy(), it.productId(), it.contentType(), capped);
      AbsoluteVerdict v =
          new AbsoluteVerdict(o.verdict().flaws(), scores, o.verdict().rationale(), capped);
      out.add(new JudgeOutcome<>(v, null, o.attempts(), o.answers()));
    }
    return out;
  }

  /** Comparisons, each judged in two presentation orders. */
  public List<ComparativeOutcome> compare(List<Comparison> comparisons) {
    List<List<ChatMessage>> conversations = new ArrayList<>();
    List<List<String>> orderOf = new ArrayList<>();
    List<Rubric> rubricOf = new ArrayList<>();
    for (Comparison c : comparisons) {
      List<String> first = new ArrayList<>(c.candidates().keySet());
      Collections.shuffle(first, new Random(seed ^ (31L * c.id().hashCode())));
      List<String> second = new ArrayList<>(first);
      // a rotation moves every candidate to another position (for two, a swap)
      Collections.rotate(second, -1);
      Rubric rubric = rubric(c.contentType());
      for (List<String> order : List.of(first, second)) {
        Map<String, String> labelled = new LinkedHashMap<>();
        for (int p = 0; p < order.size(); p++) {
          labelled.put(label(p), c.candidates().get(order.get(p)));
        }
        conversations.add(
            JudgePrompt.comparative(rubric, brief(c.prompt()), labelled, c.reference()));
        orderOf.add(order);
        rubricOf.add(rubric);
      }
    }
    List<JudgeOutcome<ComparativeVerdict>> raw =
        ask(
            conversations,
            0,
            (i, json) ->
                JudgeSchema.comparative(json, rubricOf.get(i), labels(orderOf.get(i).size())));
    List<ComparativeOutcome> out = new ArrayList<>();
    for (int k = 0; k < comparisons.size(); k++) {
      Comparison c = comparisons.get(k);
      List<List<String>> orders = List.of(orderOf.get(2 * k), orderOf.get(2 * k + 1));
      JudgeOutcome<ComparativeVerdict> a = raw.get(2 * k);
      JudgeOutcome<ComparativeVerdict> b = raw.get(2 * k + 1);
      if (!a.ok() || !b.ok()) {
        String why = !a.ok() ? a.failure() : b.failure();
        out.add(new ComparativeOutcome(c.id(), null, false, Map.of(), Map.of(), orders, why));
        continue;
      }
      String pickA = candidateAt(orders.get(0), a.verdict().best());
      String pickB = candidateAt(orders.get(1), b.verdict().best());
      boolean flip = !pickA.equals(pickB);
      Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
      Map<String, List<String>> flaws = new LinkedHashMap<>();
      for (String name : c.candidates().keySet()) {
        Map<String, Integer> sa = a.verdict().scores().get(labelOf(orders.get(0), name));
        Map<String, Integer> sb = b.verdict().scores().get(labelOf(orders.get(1), name));
        Map<String, Integer> capA =
            cap(
                sa,
                c.candidates().get(name),
                c.productId(),
                c.contentType(),
                new LinkedHashMap<>());
        Map<String, Integer> capB =
            cap(
                sb,
                c.candidates().get(name),
                c.productId(),
                c.contentType(),
                new LinkedHashMap<>());
        Map<String, Double> mean = new LinkedHashMap<>();
        capA.forEach((dim, v) -> mean.put(dim, (v + capB.get(dim)) / 2.0));
        scores.put(name, mean);
        List<String> f =
            new ArrayList<>(
                a.verdict().flaws().getOrDefault(labelOf(orders.get(0), name), List.of()));
        f.addAll(b.verdict().flaws().getOrDefault(labelOf(orders.get(1), name), List.of()));
        flaws.put(name, f);
      }
      out.add(
          new ComparativeOutcome(c.id(), flip ? null : pickA, flip, scores, flaws, orders, null));
    }
    return out;
  }

  /** Share of successful comparisons whose two orders picked different candidates. */
  public static double positionBiasRate(List<ComparativeOutcome> outcomes) {
    long ok = outcomes.stream().filter(ComparativeOutcome::ok).count();
    long flips = outcomes.stream().filter(o -> o.ok() && o.positionFlip()).count();
    return ok == 0 ? Double.NaN : flips / (double) ok;
  }

  /** Sends every conversation, retrying those whose answers fail {@code check} with the error. */
  private <T> List<JudgeOutcome<T>> ask(
      List<List<ChatMessage>> conversations,
      int variant,
      BiFunction<Integer, ObjectNode, JudgeSchema.Checked<T>> check) {
    int n = conversations.size();
    List<List<ChatMessage>> current = new ArrayList<>(conversations);
    List<List<String>> answers = new ArrayList<>();
    List<JudgeOutcome<T>> out = new ArrayList<>(Collections.nCopies(n, null));
    String[] lastError = new String[n];
    for (int i = 0; i < n; i++) {
      answers.add(new ArrayList<>());
    }
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pending.add(i);
    }
    for (int attempt = 1; attempt <= maxAttempts && !pending.isEmpty(); attempt++) {
      List<List<ChatMessage>> batch = pending.stream().map(current::get).toList();
      List<Optional<String>> replies = backend.complete(batch, variant);
      List<Integer> retry = new ArrayList<>();
      for (int j = 0; j < pending.size(); j++) {
        int i = pending.get(j);
        Optional<String> reply = replies.get(j);
        if (reply.isEmpty()) {
          out.set(i, new JudgeOutcome<>(null, "the judge request failed", attempt, answers.get(i)));
          continue;
        }
        answers.get(i).add(reply.get());
        Optional<ObjectNode> json = JsonExtraction.extract(reply.get());
        JudgeSchema.Checked<T> checked =
            json.isEmpty()
                ? new JudgeSchema.Checked<>(null, "the answer holds no JSON object")
                : check.apply(i, json.get());
        if (checked.ok()) {
          out.set(i, new JudgeOutcome<>(checked.value(), null, attempt, answers.get(i)));
        } else {
          lastError[i] = checked.error();
          List<ChatMessage> next = new ArrayList<>(current.get(i));
          next.add(ChatMessage.assistant(reply.get()));
          next.add(JudgePrompt.correction(checked.error()));
          current.set(i, next);
          retry.add(i);
        }
      }
      pending = retry;
    }
    for (int i : pending) {
      out.set(
          i,
          new JudgeOutcome<>(
              null,
              "invalid judge output after " + maxAttempts + " attempts: " + lastError[i],
              maxAttempts,
              answers.get(i)));
    }
    return out;
  }

  private Map<String, Integer> cap(
      Map<String, Integer> scores,
      String copy,
      String productId,
      String contentType,
      Map<String, String> capped) {
    Rubric rubric = rubric(contentType);
    if (rubric.caps().isEmpty()) {
      return scores;
    }
    CheckResult result = checker.check(copy, productId, contentType);
    Map<String, Integer> out = new LinkedHashMap<>(scores);
    for (Rubric.Cap c : rubric.caps()) {
      Integer s = out.get(c.dimension());
      if (s != null && s > c.max() && c.when().holds(result)) {
        out.put(c.dimension(), c.max());
        capped.put(c.dimension(), c.when().id());
      }
    }
    return out;
  }

  /** The brief the copy answers: the prompt's last user message (system text is brand rules). */
  static String brief(List<ChatMessage> prompt) {
    for (int i = prompt.size() - 1; i >= 0; i--) {
      if (prompt.get(i).role().equals("user")) {
        return prompt.get(i).content();
      }
    }
    return prompt.isEmpty() ? "" : prompt.get(prompt.size() - 1).content();
  }

  static String label(int position) {
    return String.valueOf((char) ('A' + position));
  }

  static List<String> labels(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(label(i));
    }
    return out;
  }

  private static String candidateAt(List<String> order, String label) {
    return order.get(label.charAt(0) - 'A');
  }

  private static String labelOf(List<String> order, String name) {
    return label(order.indexOf(name));
  }
}
