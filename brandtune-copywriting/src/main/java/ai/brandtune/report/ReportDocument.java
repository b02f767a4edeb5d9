package ai.brandtune.report;

import java.util.List;

/**
 * A report written once and rendered twice: every block goes to a Markdown and an HTML (well-formed
 * XHTML, so any XML parser reads it) rendering side by side.
 */
final class ReportDocument {
  private final StringBuilder md = new StringBuilder();
  private final StringBuilder html = new StringBuilder();

  ReportDocument(String title) {
    md.append("# ").append(title).append("\n\n");
    html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>")
        .append("<meta charset=\"utf-8\"/><title>")
        .append(escape(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;max-width:1200px;margin:2em auto}")
        .append(
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
        .append(
            "vertical-align:top}th{background:#f4f4f4}td.copy{white-space:pre-wrap;max-width:380px}")
        .append("</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
  }

  ReportDocument heading(int level, String text) {
    md.append("#".repeat(level)).append(' ').append(text).append("\n\n");
    html.append("<h")
        .append(level)
        .append('>')
        .append(escape(text))
        .append("</h")
        .append(level)
        .append(">\n");
    return this;
  }

  ReportDocument paragraph(String text) {
    md.append(text).append("\n\n");
    html.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  ReportDocument table(List<String> header, List<List<String>> rows) {
    return table(header, rows, false);
  }

  /** A table; {@code copies} marks cells holding copy text (kept with line breaks). */
  ReportDocument table(List<String> header, List<List<String>> rows, boolean copies) {
    if (rows.isEmpty()) {
      return paragraph("(no data)");
    }
    md.append("| ")
        .append(String.join(" | ", header.stream().map(ReportDocument::mdCell).toList()))
        .append(" |\n");
    md.append("|").append(" --- |".repeat(header.size())).append('\n');
    for (List<String> r : rows) {
      md.append("| ")
          .append(String.join(" | ", r.stream().map(ReportDocument::mdCell).toList()))
          .append(" |\n");
    }
    md.append('\n');
    html.append("<table><thead><tr>");
    header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
    html.append("</tr></thead><tbody>\n");
    for (List<String> r : rows) {
      html.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        html.append(copies && i > 0 ? "<td class=\"copy\">" : "<td>")
            .append(escape(r.get(i)))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
    return this;
  }

  ReportDocument image(String file, String alt) {
    md.append("![").append(alt).append("](").append(file).append(")\n\n");
    html.append("<p><img src=\"")
        .append(escape(file))
        .append("\" alt=\"")
        .append(escape(alt))
        .append("\"/></p>\n");
    return this;
  }

  String markdown() {
    return md.toString();
  }

  String html() {
    return html + "</body></html>\n";
  }

  private static String mdCell(String s) {
    return s.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                  // characters XML 1.0 forbids (control codes a model may emit) are dropped
                  if (c == '\t'
                      || c == '\n'
                      || c == '\r'
                      || c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
