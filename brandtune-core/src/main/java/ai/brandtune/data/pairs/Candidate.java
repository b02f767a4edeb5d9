package ai.brandtune.data.pairs;

import ai.brandtune.text.ChatMessage;
import java.util.List;
import java.util.Map;

/**
 * A row read as a pair, before filtering.
 *
 * @param prompt the prompt messages (empty contents allowed here; the empty filter drops them)
 * @param chosen the preferred response, "" when missing
 * @param rejected the other response, "" when missing
 * @param strength |preference strength| when the layout has one, else NaN
 * @param meta carried into the example
 * @param location the row's location
 */
record Candidate(
    List<ChatMessage> prompt,
    String chosen,
    String rejected,
    double strength,
    Map<String, Object> meta,
    String location) {}
