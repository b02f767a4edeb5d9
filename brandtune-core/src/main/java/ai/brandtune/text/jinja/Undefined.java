package ai.brandtune.text.jinja;

/**
 * jinja2's default {@code Undefined}: prints as empty, is falsy and iterates as empty, but any
 * attribute, item, call or arithmetic on it raises an UndefinedError with jinja2's wording.
 */
final class Undefined {

  private final String hint;
  private final Object owner;
  private final Object name;
  private final boolean hasOwner;
  private final String errorType;

  private Undefined(String hint, Object owner, boolean hasOwner, Object name, String errorType) {
    this.hint = hint;
    this.owner = owner;
    this.hasOwner = hasOwner;
    this.name = name;
    this.errorType = errorType;
  }

  /** A variable that is not defined. */
  static Undefined name(String name) {
    return new Undefined(null, null, false, name, "UndefinedError");
  }

  /** A missing attribute or item of {@code owner}. */
  static Undefined member(Object owner, Object name) {
    return new Undefined(null, owner, true, name, "UndefinedError");
  }

  static Undefined hint(String hint) {
    return new Undefined(hint, null, false, null, "UndefinedError");
  }

  /** What ImmutableSandboxedEnvironment returns for attributes that would mutate an object. */
  static Undefined unsafe(Object owner, String attribute) {
    return new Undefined(
        "access to attribute '"
            + attribute
            + "' of '"
            + PyObjects.typeName(owner)
            + "' object is unsafe.",
        owner,
        true,
        attribute,
        "SecurityError");
  }

  String message() {
    if (hint != null) {
      return hint;
    }
    if (!hasOwner) {
      return PyObjects.repr(name) + " is undefined";
    }
    if (!(name instanceof String)) {
      return PyObjects.objectTypeRepr(owner) + " has no element " + PyObjects.repr(name);
    }
    return PyStrings.repr(PyObjects.objectTypeRepr(owner))
        + " has no attribute "
        + PyObjects.repr(name);
  }

  PyException error() {
    return new PyException(errorType, message());
  }

  @Override
  public String toString() {
    return "Undefined";
  }
}
