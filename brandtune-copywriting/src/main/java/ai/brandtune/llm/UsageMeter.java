package ai.brandtune.llm;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link UsageReport}, one set per model. */
final class UsageMeter {
  private final Map<String, ModelPrice> prices;
  private final String currency;
  private final Map<String, Counters> byModel = new ConcurrentHashMap<>();

  UsageMeter(Map<String, ModelPrice> prices, String currency) {
    this.prices = prices;
    this.currency = currency;
  }

  void requestSent(String model) {
    counters(model).requestsSent.increment();
  }

  /** Tokens of an answer received, paid for whether or not it is used. */
  void tokens(String model, TokenUsage usage) {
    Counters c = counters(model);
    c.promptTokens.add(usage.promptTokens());
    c.completionTokens.add(usage.completionTokens());
  }

  void response(String model) {
    counters(model).responses.increment();
  }

  void cacheHit(String model) {
    counters(model).cacheHits.increment();
  }

  void failure(String model) {
    counters(model).failures.increment();
  }

  UsageReport report() {
    return new UsageReport(
        byModel.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
            .map(e -> row(e.getKey(), e.getValue()))
            .toList(),
        currency);
  }

  private UsageReport.ModelUsage row(String model, Counters c) {
    long prompt = c.promptTokens.sum();
    long completion = c.completionTokens.sum();
    ModelPrice price = prices.get(model);
    return new UsageReport.ModelUsage(
        model,
        c.requestsSent.sum(),
        c.responses.sum(),
        c.cacheHits.sum(),
        c.failures.sum(),
        prompt,
        completion,
        price == null ? null : price.cost(prompt, completion));
  }

  private Counters counters(String model) {
    return byModel.computeIfAbsent(model, m -> new Counters());
  }

  private static final class Counters {
    final LongAdder requestsSent = new LongAdder();
    final LongAdder responses = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder promptTokens = new LongAdder();
    final LongAdder completionTokens = new LongAdder();
  }
}
