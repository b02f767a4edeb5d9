package ai.brandtune.text.jinja;

import ai.brandtune.BrandtuneException;

/** Builds the user-facing errors: each names the template and the line, like jinja2 does. */
final class TemplateErrors {

  private TemplateErrors() {}

  static BrandtuneException syntax(String template, int line, String message) {
    return new BrandtuneException(template + ", line " + line + ": syntax error: " + message);
  }

  static BrandtuneException unsupported(String template, int line, String construct) {
    return new BrandtuneException(
        template
            + ", line "
            + line
            + ": "
            + construct
            + " is not supported by brandtune's Jinja engine (it only covers the chat-template"
            + " subset; report the template so support can be added)");
  }

  static BrandtuneException render(String template, int line, PyException e) {
    return new BrandtuneException(template + ", line " + line + ": " + e.getMessage(), e);
  }
}
