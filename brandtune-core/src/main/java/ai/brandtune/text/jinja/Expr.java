package ai.brandtune.text.jinja;

import java.util.List;

/** Expression nodes of the template AST; each knows the template line it came from. */
sealed interface Expr {

  int line();

  record Const(Object value, int line) implements Expr {}

  record Name(String name, int line) implements Expr {}

  record ListLiteral(List<Expr> items, int line) implements Expr {}

  record TupleLiteral(List<Expr> items, int line) implements Expr {}

  record DictLiteral(List<Expr> keys, List<Expr> values, int line) implements Expr {}

  /** {@code obj.name}: attribute first, then item, as jinja2's {@code getattr}. */
  record GetAttr(Expr object, String name, int line) implements Expr {}

  /** {@code obj[key]}: item first, then attribute, as jinja2's {@code getitem}. */
  record GetItem(Expr object, Expr key, int line) implements Expr {}

  /** {@code obj[start:stop:step]}; any part may be null. */
  record Slice(Expr object, Expr start, Expr stop, Expr step, int line) implements Expr {}

  record Keyword(String name, Expr value) {}

  record Call(Expr callee, List<Expr> args, List<Keyword> kwargs, int line) implements Expr {}

  record Filter(Expr value, String name, List<Expr> args, List<Keyword> kwargs, int line)
      implements Expr {}

  record Test(Expr value, String name, List<Expr> args, List<Keyword> kwargs, int line)
      implements Expr {}

  enum UnaryOp {
    NEG,
    POS,
    NOT
  }

  record Unary(UnaryOp op, Expr operand, int line) implements Expr {}

  enum BinaryOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    FLOOR_DIV("//"),
    MOD("%"),
    POW("**");

    final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right, int line) implements Expr {}

  record And(Expr left, Expr right, int line) implements Expr {}

  record Or(Expr left, Expr right, int line) implements Expr {}

  /** One link of a comparison chain: {@code ==, !=, <, <=, >, >=, in, notin}. */
  record Operand(String op, Expr value) {}

  record Compare(Expr first, List<Operand> rest, int line) implements Expr {}

  /** {@code a ~ b ~ c}: string concatenation of each part's {@code str()}. */
  record Concat(List<Expr> parts, int line) implements Expr {}

  /** {@code then if test else otherwise}; a missing else gives an undefined value. */
  record Conditional(Expr test, Expr then, Expr otherwise, int line) implements Expr {}
}
