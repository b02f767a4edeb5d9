package ai.brandtune;

/**
 * A user error: bad input, a bad file or a bad flag. The message names where the problem is (file,
 * line, field, tensor or flag) and, when it can, what would fix it. The CLI prints it without a
 * stack trace and exits non-zero.
 */
public class BrandtuneException extends RuntimeException {

  public BrandtuneException(String message) {
    super(message);
  }

  public BrandtuneException(String message, Throwable cause) {
    super(message, cause);
  }
}
