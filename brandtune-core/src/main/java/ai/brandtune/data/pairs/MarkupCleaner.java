package ai.brandtune.data.pairs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns forum text (StackExchange posts as HTML or as markdown with HTML left in) into plain
 * markdown a reward model should read: HTML tags dropped or turned into their markdown meaning,
 * entities decoded, and StackExchange artifacts removed (language-hint comments, "enter image
 * description here" images, reference-style link definitions).
 *
 * <p>Code is left alone: markdown code fences, indented code blocks and inline code spans are
 * copied verbatim, so {@code vector<int>} or {@code <div>} inside code survive; an HTML {@code
 * <pre>} block becomes a fenced block with its entities decoded. Only tags from a fixed list of
 * HTML element names are removed, so prose such as {@code a < b} is untouched.
 */
public final class MarkupCleaner {
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern INLINE_CODE =
      Pattern.compile("(`+)((?:[^\\n]|\\n(?!\\s*\\n))+?)\\1");
  private static final Pattern PRE =
      Pattern.compile(
          "<pre\\b[^>]*>\\s*(?:<code\\b[^>]*>)?(.*?)(?:</code>)?\\s*</pre>",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_CODE =
      Pattern.compile("<code\\b[^>]*>(.*?)</code>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final String TAG_NAMES =
      "a|abbr|b|blockquote|br|code|dd|del|div|dl|dt|em|h[1-6]|hr|i|img|ins|kbd|li|ol|p|pre|s"
          + "|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul";
  private static final Pattern TAG =
      Pattern.compile("</?(" + TAG_NAMES + ")\\b(?:\\s[^<>]*)?/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,9});");
  private static final Map<String, String> ENTITIES =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("ndash", "\u2013"),
          Map.entry("mdash", "\u2014"),
          Map.entry("hellip", "\u2026"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("ldquo", "\u201C"),
          Map.entry("rdquo", "\u201D"),
          Map.entry("laquo", "\u00AB"),
          Map.entry("raquo", "\u00BB"),
          Map.entry("bull", "\u2022"),
          Map.entry("middot", "\u00B7"),
          Map.entry("times", "\u00D7"),
          Map.entry("divide", "\u00F7"),
          Map.entry("deg", "\u00B0"),
          Map.entry("plusmn", "\u00B1"),
          Map.entry("copy", "\u00A9"),
          Map.entry("reg", "\u00AE"),
          Map.entry("trade", "\u2122"),
          Map.entry("euro", "\u20AC"),
          Map.entry("pound", "\u00A3"),
          Map.entry("larr", "\u2190"),
          Map.entry("rarr", "\u2192"),
          Map.entry("le", "\u2264"),
          Map.entry("ge", "\u2265"),
          Map.entry("ne", "\u2260"));
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]\\n]*)\\]\\([^)\\n]*\\)");
  private static final Pattern EMPTY_LINK = Pattern.compile("\\[\\s*\\]\\([^)\\n]*\\)");
  private static final Pattern REFERENCE_IMAGE =
      Pattern.compile("!\\[([^\\]\\n]*)\\]\\[[^\\]\\n]*\\]");
  private static final Pattern EMPTY_REFERENCE_LINK = Pattern.compile("\\[\\s*\\]\\[[^\\]\\n]*\\]");
  private static final Pattern REFERENCE_LINK =
      Pattern.compile("\\[([^\\]\\n]+)\\]\\[[^\\]\\n]*\\]");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:[ \\t]*\\S+.*$\\n?");
  private static final Pattern PLACEHOLDER_ALT =
      Pattern.compile("(?i)\\s*(enter image description here|image|screenshot|img)?\\s*");

  private MarkupCleaner() {}

  /** The cleaned text, trimmed, with runs of blank lines collapsed to one. */
  public static String clean(String text) {
    String s = COMMENT.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
    StringBuilder out = new StringBuilder();
    StringBuilder prose = new StringBuilder();
    String[] lines = s.split("\n", -1);
    String fence = null;
    boolean previousBlank = true;
    boolean inIndentedCode = false;
    for (String line : lines) {
      if (fence != null) {
        out.append(line).append('\n');
        if (line.strip().startsWith(fence)) {
          fence = null;
        }
        continue;
      }
      Matcher opening = FENCE.matcher(line);
      if (opening.find()) {
        flush(prose, out);
        fence = opening.group(1);
        out.append(line).append('\n');
        inIndentedCode = false;
        previousBlank = false;
        continue;
      }
      boolean indented = line.startsWith("    ") || line.startsWith("\t");
      if (indented && (previousBlank || inIndentedCode) && !line.isBlank()) {
        flush(prose, out);
        out.append(line).append('\n');
        inIndentedCode = true;
        previousBlank = false;
        continue;
      }
      if (!line.isBlank()) {
        inIndentedCode = false;
      }
      previousBlank = line.isBlank();
      prose.append(line).append('\n');
    }
    flush(prose, out);
    return tidy(out.toString());
  }

  private static void flush(StringBuilder prose, StringBuilder out) {
    if (prose.length() > 0) {
      out.append(cleanProse(prose.toString()));
      prose.setLength(0);
    }
  }

  /** Prose between code blocks: inline code kept verbatim, HTML and artifacts cleaned around it. */
  private static String cleanProse(String text) {
    // HTML <pre> blocks become fences; their content is code, decoded once.
    StringBuilder sb = new StringBuilder();
    Matcher pre = PRE.matcher(text);
    int at = 0;
    while (pre.find()) {
      sb.append(cleanInline(text.substring(at, pre.start())));
      String code = decodeEntities(TAG.matcher(pre.group(1)).replaceAll(""));
      sb.append("\n```\n").append(code.strip()).append("\n```\n");
      at = pre.end();
    }
    sb.append(cleanInline(text.substring(at)));
    return sb.toString();
  }

  private static String cleanInline(String text) {
    // <code>x</code> -> `x`, then protect every inline code span from the rest
    Matcher html = HTML_CODE.matcher(text);
    StringBuilder converted = new StringBuilder();
    while (html.find()) {
      String code = decodeEntities(TAG.matcher(html.group(1)).replaceAll(""));
      html.appendReplacement(converted, Matcher.quoteReplacement("`" + code + "`"));
    }
    html.appendTail(converted);
    String s = converted.toString();
    List<String> spans = new ArrayList<>();
    Matcher code = INLINE_CODE.matcher(s);
    StringBuilder protectedText = new StringBuilder();
    while (code.find()) {
      spans.add(code.group());
      code.appendReplacement(protectedText, "\u0000" + (spans.size() - 1) + "\u0000");
    }
    code.appendTail(protectedText);
    s = protectedText.toString();

    s = replaceTags(s);
    s = decodeEntities(s);
    s = IMAGE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(altText(m.group(1))));
    s = REFERENCE_IMAGE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(altText(m.group(1))));
    s = EMPTY_LINK.matcher(s).replaceAll("");
    s = EMPTY_REFERENCE_LINK.matcher(s).replaceAll("");
    s = REFERENCE_DEFINITION.matcher(s).replaceAll("");
    s = REFERENCE_LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));

    for (int i = 0; i < spans.size(); i++) {
      s = s.replace("\u0000" + i + "\u0000", spans.get(i));
    }
    return s;
  }

  private static String altText(String alt) {
    return PLACEHOLDER_ALT.matcher(alt).matches() ? "" : alt;
  }

  private static String replaceTags(String s) {
    Matcher tag = TAG.matcher(s);
    StringBuilder out = new StringBuilder();
    while (tag.find()) {
      String name = tag.group(1).toLowerCase();
      boolean closing = tag.group().startsWith("</");
      String replacement =
          switch (name) {
            case "br" -> "\n";
            case "p", "div", "blockquote", "ul", "ol", "table", "tr", "dl" -> "\n\n";
            case "h1", "h2", "h3", "h4", "h5", "h6" ->
                closing ? "\n\n" : "\n\n#" + "#".repeat(name.charAt(1) - '1') + " ";
            case "li" -> closing ? "" : "\n- ";
            case "hr" -> "\n\n---\n\n";
            case "td", "th" -> closing ? " " : "";
            case "b", "strong" -> "**";
            case "i", "em" -> "*";
            default -> "";
          };
      tag.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    tag.appendTail(out);
    return out.toString();
  }

  /** Decodes numeric entities and the common named ones; unknown names are left as written. */
  static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = m.group(1);
      String value;
      if (body.startsWith("#")) {
        int code =
            body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                ? Integer.parseInt(body.substring(2), 16)
                : Integer.parseInt(body.substring(1));
        value =
            Character.isValidCodePoint(code) && code != 0 ? Character.toString(code) : m.group();
      } else {
        value = ENTITIES.getOrDefault(body.toLowerCase(), m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String tidy(String s) {
    StringBuilder out = new StringBuilder();
    int blank = 0;
    for (String line : s.replace('\u00A0', ' ').split("\n", -1)) {
      String trimmed = line.stripTrailing();
      if (trimmed.isEmpty()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      blank = 0;
      out.append(trimmed);
    }
    return out.toString();
  }
}
