package ai.brandtune.llm;

/**
 * Sends one attempt of a resolved request and returns the first choice, or throws a {@link
 * TransportException} that says what went wrong; retrying is the caller's job. The seam between the
 * client's policy (retries, cache, usage) and the HTTP library.
 */
interface ChatTransport extends AutoCloseable {

  ChatResponse send(ResolvedRequest request) throws TransportException;

  @Override
  void close();
}
