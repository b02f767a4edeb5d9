package ai.brandtune.text.jinja;

import ai.brandtune.text.jinja.Token.Type;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Splits a template into tokens the way jinja2's lexer does with {@code trim_blocks=True} and
 * {@code lstrip_blocks=True}: whitespace control ({@code -}/{@code +}), comments, {@code raw}
 * blocks, newline normalisation and the dropped trailing newline all happen here.
 */
final class Lexer {

  private static final Pattern FLOAT =
      Pattern.compile(
          "(?<!\\.)(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?e[+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern INTEGER =
      Pattern.compile(
          "0b(_?[01])+|0o(_?[0-7])+|0x(_?[\\da-f])+|[1-9](_?\\d)*|0(_?0)*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern STRING =
      Pattern.compile(
          "'([^'\\\\]*(?:\\\\.[^'\\\\]*)*)'|\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"", Pattern.DOTALL);
  private static final Pattern RAW_BEGIN =
      Pattern.compile("\\{%([-+]?)\\s*raw\\s*(-%\\}\\s*|%\\})");
  private static final Pattern END_RAW =
      Pattern.compile("\\{%([-+]?)\\s*endraw\\s*(\\+%\\}|-%\\}\\s*|%\\}\\n?)");

  /** Longest first, as jinja2 sorts them. */
  private static final String[] OPERATORS = {
    "//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}",
    ">", "<", "=", ".", ":", "|", ",", ";"
  };

  private final String templateName;
  private final String src;

  /** Offsets where each line starts, for line numbers in tokens and errors. */
  private final int[] lineStarts;

  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  /** Whether the last match ended a line; lstrip_blocks also applies at the template start. */
  private boolean lineStarting = true;

  Lexer(String source, String templateName) {
    this.templateName = templateName;
    this.src = normalizeNewlines(source);
    this.lineStarts =
        IntStream.concat(
                IntStream.of(0),
                IntStream.range(0, src.length()).filter(i -> src.charAt(i) == '\n').map(i -> i + 1))
            .toArray();
  }

  /**
   * Newlines become {@code \n} and one trailing newline is dropped (keep_trailing_newline=False).
   */
  static String normalizeNewlines(String source) {
    String s = source.replace("\r\n", "\n").replace('\r', '\n');
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  List<Token> tokenize() {
    while (pos < src.length()) {
      lexRoot();
    }
    tokens.add(new Token(Type.EOF, "", null, line(src.length())));
    return tokens;
  }

  private int line(int at) {
    int found = Arrays.binarySearch(lineStarts, at);
    return found >= 0 ? found + 1 : -found - 1;
  }

  /** Text up to the next tag opener, with the opener's whitespace control applied to that text. */
  private void lexRoot() {
    int open = findTagStart(pos);
    if (open < 0) {
      emitData(pos, src.substring(pos));
      pos = src.length();
      lineStarting = src.endsWith("\n");
      return;
    }
    Matcher raw = RAW_BEGIN.matcher(src).region(open, src.length());
    boolean isRaw = raw.lookingAt();
    char kind = src.charAt(open + 1);
    int signAt = open + 2;
    char sign = signAt < src.length() ? src.charAt(signAt) : 0;
    boolean hasSign = sign == '-' || sign == '+';
    String text = src.substring(pos, open);
    text = applyStripSign(text, hasSign ? sign : 0, isRaw || kind != '{');
    emitData(pos, text);
    lineStarting = false;
    if (isRaw) {
      pos = raw.end();
      lineStarting = src.substring(open, pos).endsWith("\n");
      lexRaw();
      return;
    }
    pos = open + 2 + (hasSign ? 1 : 0);
    switch (kind) {
      case '#' -> lexComment(open);
      case '%' -> lexTag(Type.BLOCK_BEGIN, Type.BLOCK_END, "%}", open);
      default -> lexTag(Type.VARIABLE_BEGIN, Type.VARIABLE_END, "}}", open);
    }
  }

  private int findTagStart(int from) {
    for (int i = src.indexOf('{', from);
        i >= 0 && i + 1 < src.length();
        i = src.indexOf('{', i + 1)) {
      char c = src.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
    }
    return -1;
  }

  /** {@code -} strips all whitespace; otherwise lstrip_blocks removes the indentation of a tag. */
  private String applyStripSign(String text, char sign, boolean lstripApplies) {
    if (sign == '-') {
      return PyStrings.rstrip(text, null);
    }
    if (sign != '+' && lstripApplies) {
      int lineStart = text.lastIndexOf('\n') + 1;
      if ((lineStart > 0 || lineStarting) && lineStart < text.length()) {
        String tail = text.substring(lineStart);
        if (tail.codePoints().allMatch(PyStrings::isSpace)) {
          return text.substring(0, lineStart);
        }
      }
    }
    return text;
  }

  private void emitData(int at, String text) {
    if (!text.isEmpty()) {
      tokens.add(new Token(Type.DATA, text, text, line(at)));
    }
  }

  private void lexComment(int open) {
    for (int i = pos; i + 1 < src.length(); i++) {
      char c = src.charAt(i);
      if ((c == '+' || c == '-') && src.startsWith("#}", i + 1)) {
        pos = i + 3;
        if (c == '-') {
          skipWhitespace();
        }
        lineStarting = src.charAt(pos - 1) == '\n';
        return;
      }
      if (c == '#' && src.charAt(i + 1) == '}') {
        pos = i + 2;
        trimBlockNewline();
        return;
      }
    }
    throw TemplateErrors.syntax(templateName, line(open), "Missing end of comment tag");
  }

  private void lexRaw() {
    Matcher end = END_RAW.matcher(src);
    int start = pos;
    if (!end.find(pos)) {
      throw TemplateErrors.syntax(templateName, line(pos), "Missing end of raw directive");
    }
    String sign = end.group(1);
    String text =
        applyStripSign(
            src.substring(start, end.start()), sign.isEmpty() ? 0 : sign.charAt(0), true);
    emitData(start, text);
    pos = end.end();
    lineStarting = end.group().endsWith("\n");
  }

  private void skipWhitespace() {
    while (pos < src.length() && PyStrings.isSpace(src.charAt(pos))) {
      pos++;
    }
  }

  private void trimBlockNewline() {
    if (pos < src.length() && src.charAt(pos) == '\n') {
      pos++;
      lineStarting = true;
    } else {
      lineStarting = false;
    }
  }

  /** Tokens inside {@code {% %}} or {@code {{ }}}; an end marker only counts outside brackets. */
  private void lexTag(Type begin, Type end, String endMarker, int open) {
    tokens.add(new Token(begin, src.substring(open, pos), null, line(open)));
    Deque<Character> brackets = new ArrayDeque<>();
    while (true) {
      if (pos >= src.length()) {
        throw TemplateErrors.syntax(
            templateName,
            line(src.length()),
            "unexpected end of template, expected '"
                + (end == Type.BLOCK_END ? "end of statement block" : "end of print statement")
                + "'.");
      }
      if (brackets.isEmpty() && lexTagEnd(end, endMarker)) {
        return;
      }
      char c = src.charAt(pos);
      if (PyStrings.isSpace(c)) {
        skipWhitespace();
        continue;
      }
      int at = pos;
      if (lexNumber(at) || lexName(at) || lexString(at)) {
        continue;
      }
      String op = operatorAt(at);
      if (op == null) {
        throw TemplateErrors.syntax(
            templateName,
            line(at),
            "unexpected char " + PyStrings.repr(String.valueOf(c)) + " at " + at);
      }
      trackBrackets(brackets, op, at);
      tokens.add(new Token(Type.OPERATOR, op, null, line(at)));
      pos += op.length();
    }
  }

  private boolean lexTagEnd(Type end, String endMarker) {
    int at = pos;
    if (end == Type.BLOCK_END && src.startsWith("+" + endMarker, at)) {
      tokens.add(new Token(end, endMarker, null, line(at)));
      pos = at + 3;
      lineStarting = false;
      return true;
    }
    if (src.startsWith("-" + endMarker, at)) {
      tokens.add(new Token(end, endMarker, null, line(at)));
      pos = at + 3;
      int before = pos;
      skipWhitespace();
      lineStarting = pos > before ? src.charAt(pos - 1) == '\n' : false;
      return true;
    }
    if (src.startsWith(endMarker, at)) {
      tokens.add(new Token(end, endMarker, null, line(at)));
      pos = at + 2;
      if (end == Type.BLOCK_END) {
        trimBlockNewline();
      } else {
        lineStarting = false;
      }
      return true;
    }
    return false;
  }

  private void trackBrackets(Deque<Character> brackets, String op, int at) {
    switch (op) {
      case "{" -> brackets.push('}');
      case "(" -> brackets.push(')');
      case "[" -> brackets.push(']');
      case "}", ")", "]" -> {
        if (brackets.isEmpty()) {
          throw TemplateErrors.syntax(templateName, line(at), "unexpected '" + op + "'");
        }
        char expected = brackets.pop();
        if (expected != op.charAt(0)) {
          throw TemplateErrors.syntax(
              templateName, line(at), "unexpected '" + op + "', expected '" + expected + "'");
        }
      }
      default -> {}
    }
  }

  private boolean lexNumber(int at) {
    Matcher f = FLOAT.matcher(src).region(at, src.length());
    f.useTransparentBounds(true);
    if (f.lookingAt()) {
      String text = f.group();
      tokens.add(new Token(Type.FLOAT, text, Double.parseDouble(text.replace("_", "")), line(at)));
      pos = f.end();
      return true;
    }
    Matcher i = INTEGER.matcher(src).region(at, src.length());
    if (i.lookingAt()) {
      String text = i.group();
      tokens.add(new Token(Type.INTEGER, text, parseInteger(text, at), line(at)));
      pos = i.end();
      return true;
    }
    return false;
  }

  private Long parseInteger(String text, int at) {
    String digits = text.replace("_", "").toLowerCase();
    int radix = 10;
    if (digits.startsWith("0b") || digits.startsWith("0o") || digits.startsWith("0x")) {
      radix = digits.charAt(1) == 'b' ? 2 : digits.charAt(1) == 'o' ? 8 : 16;
      digits = digits.substring(2);
    }
    BigInteger value = new BigInteger(digits, radix);
    if (value.bitLength() > 63) {
      throw TemplateErrors.unsupported(
          templateName, line(at), "integer literal " + text + " (beyond 64 bits)");
    }
    return value.longValue();
  }

  private boolean lexName(int at) {
    Matcher m = NAME.matcher(src).region(at, src.length());
    if (!m.lookingAt()) {
      return false;
    }
    String name = m.group();
    if (!Character.isUnicodeIdentifierStart(name.codePointAt(0)) && name.charAt(0) != '_') {
      throw TemplateErrors.syntax(templateName, line(at), "Invalid character in identifier");
    }
    tokens.add(new Token(Type.NAME, name, name, line(at)));
    pos = m.end();
    return true;
  }

  private boolean lexString(int at) {
    char c = src.charAt(at);
    if (c != '\'' && c != '"') {
      return false;
    }
    Matcher m = STRING.matcher(src).region(at, src.length());
    if (!m.lookingAt()) {
      throw TemplateErrors.syntax(
          templateName,
          line(at),
          "unexpected char " + PyStrings.repr(String.valueOf(c)) + " at " + at);
    }
    String body = m.group().substring(1, m.group().length() - 1);
    tokens.add(new Token(Type.STRING, m.group(), unescape(body, line(at)), line(at)));
    pos = m.end();
    return true;
  }

  private String operatorAt(int at) {
    for (String op : OPERATORS) {
      if (src.startsWith(op, at)) {
        return op;
      }
    }
    return null;
  }

  /** Python's {@code unicode-escape} decoding, which jinja2 applies to string literals. */
  private String unescape(String body, int line) {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case '\n' -> {}
        case '\\' -> out.append('\\');
        case '\'' -> out.append('\'');
        case '"' -> out.append('"');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> i = appendHex(body, i, 2, out, line);
        case 'u' -> i = appendHex(body, i, 4, out, line);
        case 'U' -> i = appendHex(body, i, 8, out, line);
        case 'N' ->
            throw TemplateErrors.unsupported(templateName, line, "the \\N{...} string escape");
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < body.length()
                && end < i + 3
                && body.charAt(end) >= '0'
                && body.charAt(end) <= '7') {
              end++;
            }
            out.appendCodePoint(Integer.parseInt(body.substring(i, end), 8));
            i = end - 1;
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  private int appendHex(String body, int at, int digits, StringBuilder out, int line) {
    int end = at + 1 + digits;
    String hex = end <= body.length() ? body.substring(at + 1, end) : "";
    if (hex.length() != digits || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
      throw TemplateErrors.syntax(templateName, line, "truncated \\" + body.charAt(at) + " escape");
    }
    int cp = Integer.parseInt(hex, 16);
    if (!Character.isValidCodePoint(cp)) {
      throw TemplateErrors.syntax(templateName, line, "illegal Unicode character");
    }
    out.appendCodePoint(cp);
    return end - 1;
  }
}
