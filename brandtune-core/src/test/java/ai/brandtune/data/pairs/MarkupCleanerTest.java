package ai.brandtune.data.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupCleanerTest {

  @Test
  void htmlBlocksBecomeParagraphsAndEntitiesAreDecoded() {
    assertThat(
            MarkupCleaner.clean(
                "<p>What does &lt;br&gt; do?</p>\n<p>Tom &amp; Jerry&#39;s &#x2014; &hellip;</p>"))
        .isEqualTo("What does <br> do?\n\nTom & Jerry's \u2014 \u2026");
    assertThat(MarkupCleaner.clean("<p>It breaks a line.<br>Like this.</p>"))
        .isEqualTo("It breaks a line.\nLike this.");
    assertThat(MarkupCleaner.clean("<ul><li>one</li><li><b>two</b></li></ul>"))
        .isEqualTo("- one\n- **two**");
    assertThat(MarkupCleaner.clean("<h2>Title</h2><p>See <a href=\"http://x\">the docs</a>.</p>"))
        .isEqualTo("## Title\n\nSee the docs.");
  }

  @Test
  void htmlPreBlocksBecomeFencedCodeWithEntitiesDecoded() {
    assertThat(
            MarkupCleaner.clean(
                "<p>Try:</p>\n<pre><code>if (a &lt; b) {\n  x = &quot;<b>hi</b>&quot;;\n}\n</code></pre>\n<p>Done.</p>"))
        .isEqualTo("Try:\n\n```\nif (a < b) {\n  x = \"hi\";\n}\n```\n\nDone.");
    assertThat(MarkupCleaner.clean("Call <code>List&lt;T&gt;</code> here"))
        .isEqualTo("Call `List<T>` here");
  }

  @Test
  void markdownCodeIsLeftVerbatim() {
    String fenced = "Use this:\n\n```html\n<div>&amp;</div>\n<p>x</p>\n```\n\nand `<b>` too.";
    assertThat(MarkupCleaner.clean(fenced)).isEqualTo(fenced);
    String indented = "Example:\n\n    <br> &lt; stays\n    second line\n\nAfter <b>bold</b>.";
    assertThat(MarkupCleaner.clean(indented))
        .isEqualTo("Example:\n\n    <br> &lt; stays\n    second line\n\nAfter **bold**.");
  }

  @Test
  void proseComparisonsAndUnknownTagsSurvive() {
    assertThat(MarkupCleaner.clean("if a < b and b > c then vector<int> works &unknown;"))
        .isEqualTo("if a < b and b > c then vector<int> works &unknown;");
  }

  @Test
  void stackExchangeArtifactsAreRemoved() {
    String post =
        "<!-- language: lang-js -->\n\n"
            + "Look:\n\n[![enter image description here][1]][1]\n\n"
            + "![enter image description here](https://i.stack.imgur.com/a.png)\n"
            + "See [the guide][2] and ![a cat](https://x/cat.png).\n\n\n\n"
            + "  [1]: https://i.stack.imgur.com/abc.png\n"
            + "  [2]: https://example.com/guide";
    assertThat(MarkupCleaner.clean(post)).isEqualTo("Look:\n\nSee the guide and a cat.");
  }

  @Test
  void plainTextIsUnchangedApartFromSurroundingWhitespace() {
    String text = "Steam curls from the cup,\nwarm leaves unfold.";
    assertThat(MarkupCleaner.clean("  \n" + text + "\n\n")).isEqualTo(text);
  }
}
