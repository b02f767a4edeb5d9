package ai.brandtune.text.jinja;

import java.util.List;

/** Statement nodes of the template AST. */
sealed interface Stmt {

  int line();

  record Text(String text, int line) implements Stmt {}

  record Print(Expr value, int line) implements Stmt {}

  record Branch(Expr test, List<Stmt> body) {}

  record If(List<Branch> branches, List<Stmt> otherwise, int line) implements Stmt {}

  record For(
      Target target, Expr iterable, Expr filter, List<Stmt> body, List<Stmt> otherwise, int line)
      implements Stmt {}

  record Set(Target target, Expr value, int line) implements Stmt {}

  /**
   * {@code {% set x | filters %}body{% endset %}}; {@code filter} applies to the body (may be
   * null).
   */
  record SetBlock(Target target, Expr filter, List<Stmt> body, int line) implements Stmt {}

  record Macro(String name, List<String> params, List<Expr> defaults, List<Stmt> body, int line)
      implements Stmt {}

  /** {@code {% filter f %}body{% endfilter %}}: {@code filter} is applied to a placeholder. */
  record FilterBlock(Expr filter, List<Stmt> body, int line) implements Stmt {}

  record With(List<Target> targets, List<Expr> values, List<Stmt> body, int line) implements Stmt {}

  /** transformers' {@code {% generation %}} tag (assistant masks): renders its body. */
  record Generation(List<Stmt> body, int line) implements Stmt {}

  record Break(int line) implements Stmt {}

  record Continue(int line) implements Stmt {}

  /** Assignment targets: a name, {@code ns.attr}, or a tuple of targets to unpack into. */
  sealed interface Target {}

  record NameTarget(String name) implements Target {}

  record NamespaceTarget(String namespace, String attribute) implements Target {}

  record TupleTarget(List<Target> items) implements Target {}
}
