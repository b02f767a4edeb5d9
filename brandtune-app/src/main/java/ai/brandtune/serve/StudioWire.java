package ai.brandtune.serve;

import java.util.List;

/** Bodies of the studio's {@code /api} endpoints (snake_case on the wire). */
public final class StudioWire {
  private StudioWire() {}

  public record ProductSummary(String id, String name, String category) {}

  public record ContentTypeSummary(String id, String name, String channel) {}

  /** A brand-check finding; {@code start}/{@code end} index the variant's text in UTF-16 units. */
  public record FindingView(
      String rule,
      String severity,
      String severityLabel,
      String message,
      int start,
      int end,
      String evidence) {}

  /**
   * One generated copy: its brand score in [0, 1] from the checker and the reward model's score,
   * null without {@code --reward-model}.
   */
  public record Variant(
      int index,
      String text,
      String finishReason,
      double brandScore,
      Double rewardScore,
      List<FindingView> findings) {}

  public record GenerateResult(
      String productId, String contentTypeId, List<Variant> variants, OpenAiWire.Usage usage) {}

  /** A streamed event: {@code delta} (index, text), {@code result} or {@code error}. */
  public record Event(
      String type,
      Integer index,
      String text,
      GenerateResult result,
      OpenAiWire.ErrorDetail error) {}
}
