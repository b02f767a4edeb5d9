package ai.brandtune.text.jinja;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.jinja.Expr.BinaryOp;
import ai.brandtune.text.jinja.Expr.Keyword;
import ai.brandtune.text.jinja.Expr.Operand;
import ai.brandtune.text.jinja.Expr.UnaryOp;
import ai.brandtune.text.jinja.Stmt.Branch;
import ai.brandtune.text.jinja.Stmt.Target;
import ai.brandtune.text.jinja.Token.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser that follows jinja2's {@code parser.py} rule for rule, so operator
 * precedence and its quirks (filters bind tighter than unary minus' operand, {@code not x|length ==
 * 1} means {@code not ((x|length) == 1)}, left-associative {@code **}) match.
 */
final class Parser {

  /** Name of the frame variable that holds a filter/set block's rendered body. */
  static final String BLOCK_VALUE = " block";

  private static final Set<String> COMPARE_OPS = Set.of("==", "!=", "<", "<=", ">", ">=");
  private static final Set<String> UNSUPPORTED_TAGS =
      Set.of(
          "block",
          "extends",
          "include",
          "import",
          "from",
          "call",
          "autoescape",
          "endblock",
          "trans",
          "pluralize",
          "endtrans",
          "do");

  private final String templateName;
  private final List<Token> tokens;
  private int index;
  private int loopDepth;
  private final Deque<String> tagStack = new ArrayDeque<>();
  private final Deque<List<String>> endTokenStack = new ArrayDeque<>();

  Parser(String source, String templateName) {
    this.templateName = templateName;
    this.tokens = new Lexer(source, templateName).tokenize();
  }

  List<Stmt> parse() {
    return subparse(null);
  }

  // ---- token stream ----

  private Token current() {
    return tokens.get(index);
  }

  private Token look() {
    return tokens.get(Math.min(index + 1, tokens.size() - 1));
  }

  private Token advance() {
    Token t = tokens.get(index);
    if (index < tokens.size() - 1) {
      index++;
    }
    return t;
  }

  private boolean skipName(String name) {
    if (current().isName(name)) {
      advance();
      return true;
    }
    return false;
  }

  private boolean skipOperator(String op) {
    if (current().isOperator(op)) {
      advance();
      return true;
    }
    return false;
  }

  private Token expect(Type type, String description) {
    Token t = current();
    if (!t.is(type)) {
      if (t.is(Type.EOF)) {
        throw fail("unexpected end of template, expected '" + description + "'.", t.line());
      }
      throw fail("expected token '" + description + "', got '" + t.describe() + "'", t.line());
    }
    return advance();
  }

  private Token expectOperator(String op) {
    Token t = current();
    if (!t.isOperator(op)) {
      if (t.is(Type.EOF)) {
        throw fail("unexpected end of template, expected '" + op + "'.", t.line());
      }
      throw fail("expected token '" + op + "', got '" + t.describe() + "'", t.line());
    }
    return advance();
  }

  private Token expectName(String name) {
    Token t = current();
    if (!t.isName(name)) {
      throw fail("expected token '" + name + "', got '" + t.describe() + "'", t.line());
    }
    return advance();
  }

  private BrandtuneException fail(String message, int line) {
    return TemplateErrors.syntax(templateName, line, message);
  }

  // ---- statements ----

  private List<Stmt> subparse(List<String> endTokens) {
    List<Stmt> body = new ArrayList<>();
    if (endTokens != null) {
      endTokenStack.push(endTokens);
    }
    try {
      while (!current().is(Type.EOF)) {
        Token t = current();
        switch (t.type()) {
          case DATA -> {
            body.add(new Stmt.Text((String) t.value(), t.line()));
            advance();
          }
          case VARIABLE_BEGIN -> {
            advance();
            Expr value = parseTuple(false, true, null, false);
            expect(Type.VARIABLE_END, "end of print statement");
            body.add(new Stmt.Print(value, t.line()));
          }
          case BLOCK_BEGIN -> {
            advance();
            if (endTokens != null
                && current().is(Type.NAME)
                && endTokens.contains(current().text())) {
              return body;
            }
            body.add(parseStatement());
            expect(Type.BLOCK_END, "end of statement block");
          }
          default -> throw fail("unexpected '" + t.describe() + "'", t.line());
        }
      }
      return body;
    } finally {
      if (endTokens != null) {
        endTokenStack.pop();
      }
    }
  }

  private Stmt parseStatement() {
    Token t = current();
    if (!t.is(Type.NAME)) {
      throw fail("tag name expected", t.line());
    }
    String tag = t.text();
    if (UNSUPPORTED_TAGS.contains(tag)) {
      throw TemplateErrors.unsupported(templateName, t.line(), "the {% " + tag + " %} tag");
    }
    tagStack.push(tag);
    try {
      return switch (tag) {
        case "for" -> parseFor();
        case "if" -> parseIf();
        case "set" -> parseSet();
        case "macro" -> parseMacro();
        case "with" -> parseWith();
        case "filter" -> parseFilterBlock();
        case "print" -> parsePrint();
        case "generation" -> parseGeneration();
        case "break", "continue" -> parseLoopControl(tag);
        default -> {
          tagStack.pop();
          throw unknownTag(tag, t.line());
        }
      };
    } finally {
      if (!tagStack.isEmpty() && tagStack.peek().equals(tag)) {
        tagStack.pop();
      }
    }
  }

  private BrandtuneException unknownTag(String name, int line) {
    StringBuilder message = new StringBuilder();
    message.append(
        name == null ? "Unexpected end of template." : "Encountered unknown tag '" + name + "'.");
    if (!endTokenStack.isEmpty()) {
      List<String> looking = endTokenStack.peek();
      boolean expected = name != null && endTokenStack.stream().anyMatch(l -> l.contains(name));
      String names = String.join(" or ", looking.stream().map(n -> "'" + n + "'").toList());
      message.append(
          expected
              ? " You probably made a nesting mistake. Jinja is expecting this tag, but currently"
                  + " looking for "
                  + names
                  + "."
              : " Jinja was looking for the following tags: " + names + ".");
    }
    if (!tagStack.isEmpty()) {
      message
          .append(" The innermost block that needs to be closed is '")
          .append(tagStack.peek())
          .append("'.");
    }
    return fail(message.toString(), line);
  }

  /** Parses a body up to one of {@code endTokens}; the current token is then that end tag name. */
  private List<Stmt> parseStatements(List<String> endTokens, boolean dropNeedle) {
    skipOperator(":");
    expect(Type.BLOCK_END, "end of statement block");
    List<Stmt> body = subparse(endTokens);
    if (current().is(Type.EOF)) {
      List<String> saved = new ArrayList<>(endTokens);
      endTokenStack.push(saved);
      try {
        throw unknownTag(null, current().line());
      } finally {
        endTokenStack.pop();
      }
    }
    if (dropNeedle) {
      advance();
    }
    return body;
  }

  private Stmt parseFor() {
    int line = expectName("for").line();
    Target target = parseAssignTarget(List.of("in"), false);
    expectName("in");
    Expr iterable = parseTuple(false, false, List.of("recursive"), false);
    Expr filter = null;
    if (skipName("if")) {
      filter = parseExpression(true);
    }
    if (current().isName("recursive")) {
      throw TemplateErrors.unsupported(templateName, current().line(), "a recursive for loop");
    }
    loopDepth++;
    List<Stmt> body;
    try {
      body = parseStatements(List.of("endfor", "else"), false);
    } finally {
      loopDepth--;
    }
    List<Stmt> otherwise = List.of();
    if (advance().text().equals("else")) {
      otherwise = parseStatements(List.of("endfor"), true);
    }
    return new Stmt.For(target, iterable, filter, body, otherwise, line);
  }

  private Stmt parseIf() {
    int line = expectName("if").line();
    List<Branch> branches = new ArrayList<>();
    List<Stmt> otherwise = List.of();
    while (true) {
      Expr test = parseTuple(false, false, null, false);
      List<Stmt> body = parseStatements(List.of("elif", "else", "endif"), false);
      branches.add(new Branch(test, body));
      Token t = advance();
      if (t.isName("elif")) {
        continue;
      }
      if (t.isName("else")) {
        otherwise = parseStatements(List.of("endif"), true);
      }
      break;
    }
    return new Stmt.If(branches, otherwise, line);
  }

  private Stmt parseSet() {
    int line = advance().line();
    Target target = parseAssignTarget(null, true);
    if (skipOperator("=")) {
      return new Stmt.Set(target, parseTuple(false, true, null, false), line);
    }
    Expr filter = parseFilter(new Expr.Name(BLOCK_VALUE, line));
    List<Stmt> body = parseStatements(List.of("endset"), true);
    return new Stmt.SetBlock(target, filter, body, line);
  }

  private Stmt parseMacro() {
    int line = advance().line();
    String name = expect(Type.NAME, "name").text();
    List<String> params = new ArrayList<>();
    List<Expr> defaults = new ArrayList<>();
    expectOperator("(");
    while (!current().isOperator(")")) {
      if (!params.isEmpty()) {
        expectOperator(",");
      }
      params.add(expect(Type.NAME, "name").text());
      if (skipOperator("=")) {
        defaults.add(parseExpression(true));
      } else if (!defaults.isEmpty()) {
        throw fail("non-default argument follows default argument", current().line());
      }
    }
    expectOperator(")");
    int savedDepth = loopDepth;
    loopDepth = 0;
    List<Stmt> body;
    try {
      body = parseStatements(List.of("endmacro"), true);
    } finally {
      loopDepth = savedDepth;
    }
    return new Stmt.Macro(name, params, defaults, body, line);
  }

  private Stmt parseWith() {
    int line = advance().line();
    List<Target> targets = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (!current().is(Type.BLOCK_END)) {
      if (!targets.isEmpty()) {
        expectOperator(",");
      }
      targets.add(parseAssignTarget(null, false));
      expectOperator("=");
      values.add(parseExpression(true));
    }
    List<Stmt> body = parseStatements(List.of("endwith"), true);
    return new Stmt.With(targets, values, body, line);
  }

  private Stmt parseFilterBlock() {
    int line = advance().line();
    Expr filter = parseFilterChain(new Expr.Name(BLOCK_VALUE, line), true);
    List<Stmt> body = parseStatements(List.of("endfilter"), true);
    return new Stmt.FilterBlock(filter, body, line);
  }

  private Stmt parsePrint() {
    int line = advance().line();
    List<Expr> items = new ArrayList<>();
    while (!current().is(Type.BLOCK_END)) {
      if (!items.isEmpty()) {
        expectOperator(",");
      }
      items.add(parseExpression(true));
    }
    // {% print a, b %} writes each expression in turn, which is their concatenation.
    return new Stmt.Print(items.size() == 1 ? items.get(0) : new Expr.Concat(items, line), line);
  }

  private Stmt parseGeneration() {
    int line = advance().line();
    int savedDepth = loopDepth;
    // jinja2 compiles the body as a nested function, so loop controls cannot cross it.
    loopDepth = 0;
    try {
      return new Stmt.Generation(parseStatements(List.of("endgeneration"), true), line);
    } finally {
      loopDepth = savedDepth;
    }
  }

  private Stmt parseLoopControl(String tag) {
    int line = advance().line();
    if (loopDepth == 0) {
      throw fail("'" + tag + "' outside loop", line);
    }
    return tag.equals("break") ? new Stmt.Break(line) : new Stmt.Continue(line);
  }

  private Target parseAssignTarget(List<String> extraEndRules, boolean withNamespace) {
    int line = current().line();
    List<Target> items = new ArrayList<>();
    boolean isTuple = false;
    while (true) {
      if (!items.isEmpty()) {
        expectOperator(",");
      }
      if (isTupleEnd(extraEndRules)) {
        break;
      }
      items.add(parseTargetPrimary(withNamespace));
      if (current().isOperator(",")) {
        isTuple = true;
      } else {
        break;
      }
    }
    if (!isTuple) {
      if (items.isEmpty()) {
        throw fail("Expected an expression, got '" + current().describe() + "'", line);
      }
      return items.get(0);
    }
    return new Stmt.TupleTarget(items);
  }

  private Target parseTargetPrimary(boolean withNamespace) {
    Token t = current();
    if (t.is(Type.NAME)) {
      advance();
      if (Set.of("true", "false", "True", "False", "none", "None").contains(t.text())) {
        throw fail("can't assign to 'const'", t.line());
      }
      if (withNamespace && current().isOperator(".")) {
        advance();
        return new Stmt.NamespaceTarget(t.text(), expect(Type.NAME, "name").text());
      }
      return new Stmt.NameTarget(t.text());
    }
    if (t.isOperator("(")) {
      advance();
      Target inner = parseAssignTarget(null, withNamespace);
      expectOperator(")");
      return inner;
    }
    throw fail("can't assign to '" + t.describe() + "'", t.line());
  }

  // ---- expressions ----

  private boolean isTupleEnd(List<String> extraEndRules) {
    Token t = current();
    if (t.is(Type.VARIABLE_END) || t.is(Type.BLOCK_END) || t.isOperator(")")) {
      return true;
    }
    return extraEndRules != null && t.is(Type.NAME) && extraEndRules.contains(t.text());
  }

  private Expr parseTuple(
      boolean simplified,
      boolean withCondexpr,
      List<String> extraEndRules,
      boolean explicitParens) {
    int line = current().line();
    List<Expr> args = new ArrayList<>();
    boolean isTuple = false;
    while (true) {
      if (!args.isEmpty()) {
        expectOperator(",");
      }
      if (isTupleEnd(extraEndRules)) {
        break;
      }
      args.add(simplified ? parsePrimary() : parseExpression(withCondexpr));
      if (current().isOperator(",")) {
        isTuple = true;
      } else {
        break;
      }
      line = current().line();
    }
    if (!isTuple) {
      if (!args.isEmpty()) {
        return args.get(0);
      }
      if (!explicitParens) {
        throw fail("Expected an expression, got '" + current().describe() + "'", current().line());
      }
    }
    return new Expr.TupleLiteral(args, line);
  }

  private Expr parseExpression(boolean withCondexpr) {
    return withCondexpr ? parseCondexpr() : parseOr();
  }

  private Expr parseCondexpr() {
    int line = current().line();
    Expr expr1 = parseOr();
    while (skipName("if")) {
      Expr expr2 = parseOr();
      Expr expr3 = skipName("else") ? parseCondexpr() : null;
      expr1 = new Expr.Conditional(expr2, expr1, expr3, line);
      line = current().line();
    }
    return expr1;
  }

  private Expr parseOr() {
    int line = current().line();
    Expr left = parseAnd();
    while (skipName("or")) {
      left = new Expr.Or(left, parseAnd(), line);
      line = current().line();
    }
    return left;
  }

  private Expr parseAnd() {
    int line = current().line();
    Expr left = parseNot();
    while (skipName("and")) {
      left = new Expr.And(left, parseNot(), line);
      line = current().line();
    }
    return left;
  }

  private Expr parseNot() {
    if (current().isName("not")) {
      int line = advance().line();
      return new Expr.Unary(UnaryOp.NOT, parseNot(), line);
    }
    return parseCompare();
  }

  private Expr parseCompare() {
    int line = current().line();
    Expr expr = parseMath1();
    List<Operand> ops = new ArrayList<>();
    while (true) {
      Token t = current();
      if (t.is(Type.OPERATOR) && COMPARE_OPS.contains(t.text())) {
        advance();
        ops.add(new Operand(t.text(), parseMath1()));
      } else if (skipName("in")) {
        ops.add(new Operand("in", parseMath1()));
      } else if (t.isName("not") && look().isName("in")) {
        advance();
        advance();
        ops.add(new Operand("notin", parseMath1()));
      } else {
        break;
      }
      line = current().line();
    }
    return ops.isEmpty() ? expr : new Expr.Compare(expr, ops, line);
  }

  private Expr parseMath1() {
    int line = current().line();
    Expr left = parseConcat();
    while (current().isOperator("+") || current().isOperator("-")) {
      BinaryOp op = advance().text().equals("+") ? BinaryOp.ADD : BinaryOp.SUB;
      left = new Expr.Binary(op, left, parseConcat(), line);
      line = current().line();
    }
    return left;
  }

  private Expr parseConcat() {
    int line = current().line();
    List<Expr> args = new ArrayList<>();
    args.add(parseMath2());
    while (skipOperator("~")) {
      args.add(parseMath2());
    }
    return args.size() == 1 ? args.get(0) : new Expr.Concat(args, line);
  }

  private Expr parseMath2() {
    int line = current().line();
    Expr left = parsePow();
    while (true) {
      BinaryOp op =
          switch (current().is(Type.OPERATOR) ? current().text() : "") {
            case "*" -> BinaryOp.MUL;
            case "/" -> BinaryOp.DIV;
            case "//" -> BinaryOp.FLOOR_DIV;
            case "%" -> BinaryOp.MOD;
            default -> null;
          };
      if (op == null) {
        return left;
      }
      advance();
      left = new Expr.Binary(op, left, parsePow(), line);
      line = current().line();
    }
  }

  private Expr parsePow() {
    int line = current().line();
    Expr left = parseUnary(true);
    while (skipOperator("**")) {
      left = new Expr.Binary(BinaryOp.POW, left, parseUnary(true), line);
      line = current().line();
    }
    return left;
  }

  private Expr parseUnary(boolean withFilter) {
    Token t = current();
    Expr node;
    if (t.isOperator("-")) {
      advance();
      node = new Expr.Unary(UnaryOp.NEG, parseUnary(false), t.line());
    } else if (t.isOperator("+")) {
      advance();
      node = new Expr.Unary(UnaryOp.POS, parseUnary(false), t.line());
    } else {
      node = parsePrimary();
    }
    node = parsePostfix(node);
    if (withFilter) {
      node = parseFilterExpr(node);
    }
    return node;
  }

  private Expr parsePrimary() {
    Token t = current();
    switch (t.type()) {
      case NAME -> {
        advance();
        return switch (t.text()) {
          case "true", "True" -> new Expr.Const(Boolean.TRUE, t.line());
          case "false", "False" -> new Expr.Const(Boolean.FALSE, t.line());
          case "none", "None" -> new Expr.Const(null, t.line());
          default -> new Expr.Name(t.text(), t.line());
        };
      }
      case STRING -> {
        advance();
        StringBuilder buf = new StringBuilder((String) t.value());
        while (current().is(Type.STRING)) {
          buf.append((String) advance().value());
        }
        return new Expr.Const(buf.toString(), t.line());
      }
      case INTEGER, FLOAT -> {
        advance();
        return new Expr.Const(t.value(), t.line());
      }
      case OPERATOR -> {
        switch (t.text()) {
          case "(" -> {
            advance();
            Expr inner = parseTuple(false, true, null, true);
            expectOperator(")");
            return inner;
          }
          case "[" -> {
            return parseList();
          }
          case "{" -> {
            return parseDict();
          }
          default -> {}
        }
      }
      default -> {}
    }
    if (t.is(Type.EOF)) {
      throw fail("unexpected end of template", t.line());
    }
    throw fail("unexpected '" + t.describe() + "'", t.line());
  }

  private Expr parseList() {
    int line = expectOperator("[").line();
    List<Expr> items = new ArrayList<>();
    while (!current().isOperator("]")) {
      if (!items.isEmpty()) {
        expectOperator(",");
      }
      if (current().isOperator("]")) {
        break;
      }
      items.add(parseExpression(true));
    }
    expectOperator("]");
    return new Expr.ListLiteral(items, line);
  }

  private Expr parseDict() {
    int line = expectOperator("{").line();
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    while (!current().isOperator("}")) {
      if (!keys.isEmpty()) {
        expectOperator(",");
      }
      if (current().isOperator("}")) {
        break;
      }
      keys.add(parseExpression(true));
      expectOperator(":");
      values.add(parseExpression(true));
    }
    expectOperator("}");
    return new Expr.DictLiteral(keys, values, line);
  }

  private Expr parsePostfix(Expr node) {
    while (true) {
      Token t = current();
      if (t.isOperator(".") || t.isOperator("[")) {
        node = parseSubscript(node);
      } else if (t.isOperator("(")) {
        node = parseCall(node);
      } else {
        return node;
      }
    }
  }

  private Expr parseFilterExpr(Expr node) {
    while (true) {
      Token t = current();
      if (t.isOperator("|")) {
        node = parseFilter(node);
      } else if (t.isName("is")) {
        node = parseTest(node);
      } else if (t.isOperator("(")) {
        node = parseCall(node);
      } else {
        return node;
      }
    }
  }

  private Expr parseSubscript(Expr node) {
    Token t = advance();
    if (t.isOperator(".")) {
      Token attr = advance();
      if (attr.is(Type.NAME)) {
        return new Expr.GetAttr(node, attr.text(), t.line());
      }
      if (!attr.is(Type.INTEGER)) {
        throw fail("expected name or number", attr.line());
      }
      return new Expr.GetItem(node, new Expr.Const(attr.value(), attr.line()), t.line());
    }
    List<Expr> args = new ArrayList<>();
    while (!current().isOperator("]")) {
      if (!args.isEmpty()) {
        expectOperator(",");
      }
      args.add(parseSubscribed(node));
    }
    expectOperator("]");
    if (args.size() != 1) {
      if (args.stream().anyMatch(a -> a instanceof Expr.Slice)) {
        throw TemplateErrors.unsupported(templateName, t.line(), "a multi-dimensional subscript");
      }
      return new Expr.GetItem(node, new Expr.TupleLiteral(args, t.line()), t.line());
    }
    Expr arg = args.get(0);
    if (arg instanceof Expr.Slice s) {
      return new Expr.Slice(node, s.start(), s.stop(), s.step(), t.line());
    }
    return new Expr.GetItem(node, arg, t.line());
  }

  /** One subscript element: an expression, or a slice (returned with a null object). */
  private Expr parseSubscribed(Expr node) {
    int line = current().line();
    Expr start = null;
    if (current().isOperator(":")) {
      advance();
    } else {
      Expr e = parseExpression(true);
      if (!current().isOperator(":")) {
        return e;
      }
      advance();
      start = e;
    }
    Expr stop = null;
    if (!current().isOperator(":") && !current().isOperator("]") && !current().isOperator(",")) {
      stop = parseExpression(true);
    }
    Expr step = null;
    if (skipOperator(":")) {
      if (!current().isOperator("]") && !current().isOperator(",")) {
        step = parseExpression(true);
      }
    }
    return new Expr.Slice(null, start, stop, step, line);
  }

  private record CallArgs(List<Expr> args, List<Keyword> kwargs) {}

  private CallArgs parseCallArgs() {
    Token open = expectOperator("(");
    List<Expr> args = new ArrayList<>();
    List<Keyword> kwargs = new ArrayList<>();
    boolean requireComma = false;
    while (!current().isOperator(")")) {
      if (requireComma) {
        expectOperator(",");
        if (current().isOperator(")")) {
          break;
        }
      }
      if (current().isOperator("*") || current().isOperator("**")) {
        throw TemplateErrors.unsupported(
            templateName, current().line(), "*args/**kwargs unpacking in a call");
      }
      if (current().is(Type.NAME) && look().isOperator("=")) {
        String key = advance().text();
        advance();
        kwargs.add(new Keyword(key, parseExpression(true)));
      } else {
        if (!kwargs.isEmpty()) {
          throw fail("invalid syntax for function call expression", open.line());
        }
        args.add(parseExpression(true));
      }
      requireComma = true;
    }
    expectOperator(")");
    return new CallArgs(args, kwargs);
  }

  private Expr parseCall(Expr node) {
    int line = current().line();
    CallArgs a = parseCallArgs();
    return new Expr.Call(node, a.args(), a.kwargs(), line);
  }

  private Expr parseFilter(Expr node) {
    return parseFilterChain(node, false);
  }

  private Expr parseFilterChain(Expr node, boolean startInline) {
    while (current().isOperator("|") || startInline) {
      if (!startInline) {
        advance();
      }
      Token nameToken = expect(Type.NAME, "name");
      String name = dottedName(nameToken.text());
      Filters.checkKnown(name, templateName, nameToken.line());
      CallArgs a = current().isOperator("(") ? parseCallArgs() : new CallArgs(List.of(), List.of());
      node = new Expr.Filter(node, name, a.args(), a.kwargs(), nameToken.line());
      startInline = false;
    }
    return node;
  }

  private String dottedName(String first) {
    StringBuilder name = new StringBuilder(first);
    while (skipOperator(".")) {
      name.append('.').append(expect(Type.NAME, "name").text());
    }
    return name.toString();
  }

  private Expr parseTest(Expr node) {
    Token is = advance();
    boolean negated = skipName("not");
    Token nameToken = expect(Type.NAME, "name");
    String name = dottedName(nameToken.text());
    Tests.checkKnown(name, templateName, nameToken.line());
    List<Expr> args = List.of();
    List<Keyword> kwargs = List.of();
    Token t = current();
    if (t.isOperator("(")) {
      CallArgs a = parseCallArgs();
      args = a.args();
      kwargs = a.kwargs();
    } else if ((t.is(Type.NAME)
            || t.is(Type.STRING)
            || t.is(Type.INTEGER)
            || t.is(Type.FLOAT)
            || t.isOperator("[")
            || t.isOperator("{"))
        && !t.isName("else")
        && !t.isName("or")
        && !t.isName("and")) {
      if (t.isName("is")) {
        throw fail("You cannot chain multiple tests with is", t.line());
      }
      args = List.of(parsePostfix(parsePrimary()));
    }
    Expr test = new Expr.Test(node, name, args, kwargs, is.line());
    return negated ? new Expr.Unary(UnaryOp.NOT, test, is.line()) : test;
  }
}
