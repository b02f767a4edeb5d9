package ai.brandtune.text.jinja;

/**
 * A Python-level error raised while evaluating (TypeError, UndefinedError, ...). It carries no
 * line; the interpreter adds the line of the node that raised it when it turns it into a {@code
 * BrandtuneException}.
 */
final class PyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PyException(String pythonType, String message) {
    super(pythonType + ": " + message);
  }

  static PyException typeError(String message) {
    return new PyException("TypeError", message);
  }

  static PyException valueError(String message) {
    return new PyException("ValueError", message);
  }

  static PyException unsupported(String construct) {
    return new PyException(
        "Unsupported",
        construct
            + " is not supported by brandtune's Jinja engine (it only covers the chat-template"
            + " subset; report the template so support can be added)");
  }
}
