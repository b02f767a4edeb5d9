package ai.brandtune.text.jinja;

import ai.brandtune.text.jinja.Expr.BinaryOp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** Python arithmetic: int/float promotion, true and floor division, sequence concatenation. */
final class Operators {

  private Operators() {}

  static Object binary(BinaryOp op, Object a, Object b) {
    if (a instanceof Undefined u) {
      throw u.error();
    }
    if (b instanceof Undefined u) {
      throw u.error();
    }
    return switch (op) {
      case ADD -> add(a, b);
      case SUB -> numeric(op, a, b);
      case MUL -> multiply(a, b);
      case DIV -> divide(a, b);
      case FLOOR_DIV, MOD -> floorDivOrMod(op, a, b);
      case POW -> power(a, b);
    };
  }

  private static Object add(Object a, Object b) {
    if (PyObjects.isNumber(a) && PyObjects.isNumber(b)) {
      return numeric(BinaryOp.ADD, a, b);
    }
    if (a instanceof String sa && b instanceof String sb) {
      return sa + sb;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      List<Object> out = new ArrayList<>(la);
      out.addAll(lb);
      return out;
    }
    if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
      List<Object> out = new ArrayList<>(ta.items());
      out.addAll(tb.items());
      return new PyTuple(out);
    }
    if (a instanceof String || a instanceof List || a instanceof PyTuple) {
      String type = PyObjects.typeName(a);
      throw PyException.typeError(
          "can only concatenate " + type + " (not \"" + PyObjects.typeName(b) + "\") to " + type);
    }
    throw unsupportedOperands("+", a, b);
  }

  private static PyException unsupportedOperands(String symbol, Object a, Object b) {
    return PyException.typeError(
        "unsupported operand type(s) for "
            + symbol
            + ": '"
            + PyObjects.typeName(a)
            + "' and '"
            + PyObjects.typeName(b)
            + "'");
  }

  private static Object numeric(BinaryOp op, Object a, Object b) {
    if (!PyObjects.isNumber(a) || !PyObjects.isNumber(b)) {
      throw unsupportedOperands(op.symbol, a, b);
    }
    if (a instanceof Double || b instanceof Double) {
      double x = PyObjects.asDouble(a);
      double y = PyObjects.asDouble(b);
      return switch (op) {
        case ADD -> x + y;
        case SUB -> x - y;
        default -> x * y;
      };
    }
    long x = PyObjects.asLong(a);
    long y = PyObjects.asLong(b);
    try {
      return switch (op) {
        case ADD -> Math.addExact(x, y);
        case SUB -> Math.subtractExact(x, y);
        default -> Math.multiplyExact(x, y);
      };
    } catch (ArithmeticException e) {
      throw PyException.unsupported("integer arithmetic beyond 64 bits");
    }
  }

  private static Object multiply(Object a, Object b) {
    if (PyObjects.isNumber(a) && PyObjects.isNumber(b)) {
      return numeric(BinaryOp.MUL, a, b);
    }
    if (PyObjects.isInteger(b) && isSequence(a)) {
      return repeat(a, PyObjects.asLong(b));
    }
    if (PyObjects.isInteger(a) && isSequence(b)) {
      return repeat(b, PyObjects.asLong(a));
    }
    if (isSequence(a) || isSequence(b)) {
      Object other = isSequence(a) ? b : a;
      throw PyException.typeError(
          "can't multiply sequence by non-int of type '" + PyObjects.typeName(other) + "'");
    }
    throw unsupportedOperands("*", a, b);
  }

  private static boolean isSequence(Object v) {
    return v instanceof String || v instanceof List || v instanceof PyTuple;
  }

  private static Object repeat(Object seq, long times) {
    long n = Math.max(0, times);
    if (seq instanceof String s) {
      if (s.length() * n > 100_000_000L) {
        throw new PyException("MemoryError", "string repetition too large");
      }
      return s.repeat((int) n);
    }
    List<?> items = seq instanceof PyTuple t ? t.items() : (List<?>) seq;
    if (items.size() * n > 10_000_000L) {
      throw new PyException("MemoryError", "sequence repetition too large");
    }
    List<Object> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.addAll(items);
    }
    return seq instanceof PyTuple ? new PyTuple(out) : out;
  }

  private static Object divide(Object a, Object b) {
    if (!PyObjects.isNumber(a) || !PyObjects.isNumber(b)) {
      throw unsupportedOperands("/", a, b);
    }
    double y = PyObjects.asDouble(b);
    if (y == 0) {
      throw new PyException(
          "ZeroDivisionError",
          a instanceof Double || b instanceof Double
              ? "float division by zero"
              : "division by zero");
    }
    if (PyObjects.isInteger(a) && PyObjects.isInteger(b)) {
      // Python divides ints exactly and rounds once, unlike dividing two rounded doubles.
      return new BigDecimal(PyObjects.asLong(a))
          .divide(new BigDecimal(PyObjects.asLong(b)), MathContext.DECIMAL128)
          .doubleValue();
    }
    return PyObjects.asDouble(a) / y;
  }

  private static Object floorDivOrMod(BinaryOp op, Object a, Object b) {
    if (op == BinaryOp.MOD && a instanceof String) {
      throw PyException.unsupported("printf-style '%' string formatting");
    }
    if (!PyObjects.isNumber(a) || !PyObjects.isNumber(b)) {
      throw unsupportedOperands(op.symbol, a, b);
    }
    if (PyObjects.isInteger(a) && PyObjects.isInteger(b)) {
      long x = PyObjects.asLong(a);
      long y = PyObjects.asLong(b);
      if (y == 0) {
        throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
      }
      return op == BinaryOp.FLOOR_DIV ? Math.floorDiv(x, y) : Math.floorMod(x, y);
    }
    double x = PyObjects.asDouble(a);
    double y = PyObjects.asDouble(b);
    if (y == 0) {
      throw new PyException(
          "ZeroDivisionError",
          op == BinaryOp.MOD ? "float modulo" : "float floor division by zero");
    }
    // CPython's float_divmod, so signs and rounding agree.
    double mod = x % y;
    double div = (x - mod) / y;
    if (mod != 0) {
      if ((y < 0) != (mod < 0)) {
        mod += y;
        div -= 1.0;
      }
    } else {
      mod = Math.copySign(0.0, y);
    }
    if (op == BinaryOp.MOD) {
      return mod;
    }
    double floorDiv;
    if (div != 0) {
      floorDiv = Math.floor(div);
      if (div - floorDiv > 0.5) {
        floorDiv += 1.0;
      }
    } else {
      floorDiv = Math.copySign(0.0, x / y);
    }
    return floorDiv;
  }

  private static Object power(Object a, Object b) {
    if (!PyObjects.isNumber(a) || !PyObjects.isNumber(b)) {
      throw unsupportedOperands("** or pow()", a, b);
    }
    if (PyObjects.isInteger(a) && PyObjects.isInteger(b)) {
      long x = PyObjects.asLong(a);
      long y = PyObjects.asLong(b);
      if (y >= 0) {
        if (y > Integer.MAX_VALUE) {
          throw PyException.unsupported("integer arithmetic beyond 64 bits");
        }
        BigInteger r = BigInteger.valueOf(x).pow((int) y);
        if (r.bitLength() > 63) {
          throw PyException.unsupported("integer arithmetic beyond 64 bits");
        }
        return r.longValue();
      }
      if (x == 0) {
        throw new PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
      }
      return Math.pow(x, y);
    }
    double x = PyObjects.asDouble(a);
    double y = PyObjects.asDouble(b);
    if (x == 0 && y < 0) {
      throw new PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    }
    if (x < 0 && y != Math.rint(y)) {
      throw PyException.unsupported("a negative number raised to a fractional power (complex)");
    }
    return Math.pow(x, y);
  }

  static Object negate(Object v) {
    if (v instanceof Undefined u) {
      throw u.error();
    }
    if (v instanceof Double d) {
      return -d;
    }
    if (PyObjects.isInteger(v)) {
      long x = PyObjects.asLong(v);
      if (x == Long.MIN_VALUE) {
        throw PyException.unsupported("integer arithmetic beyond 64 bits");
      }
      return -x;
    }
    throw PyException.typeError("bad operand type for unary -: '" + PyObjects.typeName(v) + "'");
  }

  static Object plus(Object v) {
    if (v instanceof Undefined u) {
      throw u.error();
    }
    if (v instanceof Double) {
      return v;
    }
    if (PyObjects.isInteger(v)) {
      return PyObjects.asLong(v);
    }
    throw PyException.typeError("bad operand type for unary +: '" + PyObjects.typeName(v) + "'");
  }
}
