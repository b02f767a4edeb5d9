package ai.brandtune.judge;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the LLM judge scores one content-type group (social notes, e-commerce long-form, paid ads):
 * the dimensions that fit the group, each with an anchored description for every score 1-5 and
 * concrete deductions, plus hard caps that a fatal flaw imposes whatever the judge says.
 *
 * @param group the channel id the rubric applies to ({@code social_note}, {@code ecommerce}, {@code
 *     ad})
 * @param name display name
 * @param dimensions the scored dimensions, in the order the judge sees them
 * @param caps hard caps on dimensions
 */
public record Rubric(String group, String name, List<Dimension> dimensions, List<Cap> caps) {
  public static final int MIN_SCORE = 1;
  public static final int MAX_SCORE = 5;

  public Rubric {
    dimensions = List.copyOf(dimensions);
    caps = List.copyOf(caps);
  }

  public List<String> dimensionIds() {
    return dimensions.stream().map(Dimension::id).toList();
  }

  public Optional<Dimension> dimension(String id) {
    return dimensions.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /**
   * One scored dimension.
   *
   * @param anchors score (1..5) to the behaviour that earns it
   */
  public record Dimension(
      String id,
      String name,
      String question,
      Map<Integer, String> anchors,
      List<String> deductions) {
    public Dimension {
      anchors = Map.copyOf(anchors);
      deductions = List.copyOf(deductions);
    }
  }

  /**
   * A hard cap: when {@code when} holds for a copy, {@code dimension} scores at most {@code max}.
   *
   * @param when {@link CapCondition} id
   * @param text how the judge is told about it
   */
  public record Cap(CapCondition when, String dimension, int max, String text) {}
}
