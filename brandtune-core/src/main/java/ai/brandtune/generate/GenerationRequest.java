package ai.brandtune.generate;

import ai.brandtune.BrandtuneException;
import java.util.List;

/**
 * One caller's rows in a shared batch: its prompts (several for {@code n} variants) and its own
 * sampling parameters. Rows of one request share a seeded sampler, so a seeded request produces the
 * same tokens whichever other requests share its decode steps.
 */
public record GenerationRequest(List<long[]> prompts, SamplingParams params) {
  public GenerationRequest {
    prompts = List.copyOf(prompts);
    if (prompts.isEmpty()) {
      throw new BrandtuneException("generate: a request needs at least one prompt");
    }
    if (params == null) {
      throw new BrandtuneException("generate: a request needs sampling parameters");
    }
  }

  /** {@code n} copies of one prompt, as OpenAI's {@code n} asks for. */
  public static GenerationRequest of(long[] prompt, int n, SamplingParams params) {
    return new GenerationRequest(java.util.Collections.nCopies(n, prompt), params);
  }
}
