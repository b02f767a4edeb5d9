package ai.brandtune.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a judge's JSON against the schema its prompt asked for. A verdict missing a dimension
 * or scoring outside 1-5 is rejected, not repaired: a guessed score would be the judge's leniency
 * by another name. The error text goes back to the judge when the request is retried.
 */
public final class JudgeSchema {
  private JudgeSchema() {}

  /** Either a value or why there is none. */
  public record Checked<T>(T value, String error) {
    public boolean ok() {
      return error == null;
    }

    static <T> Checked<T> error(String e) {
      return new Checked<>(null, e);
    }
  }

  /** {@code {"flaws":[...], "scores":{dimension:1-5,...}, "rationale":"..."}}. */
  public static Checked<AbsoluteVerdict> absolute(ObjectNode json, Rubric rubric) {
    JsonNode flawsNode = json.get("flaws");
    if (flawsNode == null || !flawsNode.isArray()) {
      return Checked.error("\"flaws\" must be a list of strings (the flaws found, before scores)");
    }
    Checked<Map<String, Integer>> scores = scores(json.get("scores"), rubric, "\"scores\"");
    if (!scores.ok()) {
      return Checked.error(scores.error());
    }
    List<String> flaws = new ArrayList<>();
    flawsNode.forEach(f -> flaws.add(f.isTextual() ? f.asText() : f.toString()));
    return new Checked<>(
        new AbsoluteVerdict(flaws, scores.value(), json.path("rationale").asText(""), Map.of()),
        null);
  }

  /**
   * {@code {"flaws":{label:[...]}, "scores":{label:{dimension:1-5}}, "best":label,
   * "rationale":"..."}} for exactly the labels shown.
   */
  public static Checked<ComparativeVerdict> comparative(
      ObjectNode json, Rubric rubric, List<String> labels) {
    JsonNode best = json.get("best");
    if (best == null || !best.isTextual() || !labels.contains(best.asText().trim())) {
      return Checked.error("\"best\" must be one of " + String.join(", ", labels));
    }
    JsonNode scoresNode = json.get("scores");
    if (scoresNode == null || !scoresNode.isObject()) {
      return Checked.error("\"scores\" must map each label (" + String.join(", ", labels) + ")");
    }
    Map<String, Map<String, Integer>> scores = new LinkedHashMap<>();
    Map<String, List<String>> flaws = new LinkedHashMap<>();
    for (String label : labels) {
      Checked<Map<String, Integer>> s =
          scores(scoresNode.get(label), rubric, "\"scores\"." + label);
      if (!s.ok()) {
        return Checked.error(s.error());
      }
      scores.put(label, s.value());
      List<String> f = new ArrayList<>();
      json.path("flaws").path(label).forEach(x -> f.add(x.asText()));
      flaws.put(label, f);
    }
    return new Checked<>(
        new ComparativeVerdict(
            best.asText().trim(), scores, flaws, json.path("rationale").asText("")),
        null);
  }

  private static Checked<Map<String, Integer>> scores(JsonNode node, Rubric rubric, String where) {
    if (node == null || !node.isObject()) {
      return Checked.error(
          where + " must be an object with " + String.join(", ", rubric.dimensionIds()));
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String dim : rubric.dimensionIds()) {
      JsonNode v = node.get(dim);
      if (v == null || v.isNull()) {
        return Checked.error(where + " lacks " + dim);
      }
      Integer score = integer(v);
      if (score == null || score < Rubric.MIN_SCORE || score > Rubric.MAX_SCORE) {
        return Checked.error(where + "." + dim + " must be an integer from 1 to 5, got " + v);
      }
      out.put(dim, score);
    }
    return new Checked<>(out, null);
  }

  private static Integer integer(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.asInt();
    }
    if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble())) {
      return (int) v.asDouble();
    }
    if (v.isTextual() && v.asText().trim().matches("[0-9]+")) {
      return Integer.parseInt(v.asText().trim());
    }
    return null;
  }
}
