package ai.brandtune.llm;

import java.util.List;

/**
 * The log-probability of one generated token and of the most likely alternatives at its position,
 * when the request asked for {@code top_logprobs}. A judge turns the alternatives over the score
 * tokens into an expected score (G-Eval) instead of a single integer.
 */
public record TokenLogprob(String token, double logprob, List<Alternative> top) {

  public TokenLogprob {
    top = top == null ? List.of() : List.copyOf(top);
  }

  /** One candidate token at this position. */
  public record Alternative(String token, double logprob) {}
}
