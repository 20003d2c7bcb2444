package se.arkiv.web;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Text of filed documents as the pages show it. Everything is escaped; the only markup that passes
 * is the {@code <mark>} of a highlighted term. Used in templates as {@code @uiText}.
 */
@Component("uiText")
class UiText {

  private static final Pattern MARKS = Pattern.compile("(</?mark>)");

  /**
   * A search snippet: the index escapes the text and adds {@code <mark>} around matches. Any other
   * angle bracket is escaped again here, so that even a snippet built wrongly cannot inject markup.
   */
  public String snippet(String snippet) {
    if (snippet == null) {
      return "";
    }
    StringBuilder safe = new StringBuilder(snippet.length() + 16);
    var matcher = MARKS.matcher(snippet);
    int at = 0;
    while (matcher.find()) {
      safe.append(neutral(snippet.substring(at, matcher.start()))).append(matcher.group(1));
      at = matcher.end();
    }
    safe.append(neutral(snippet.substring(at)));
    return balanced(safe.toString());
  }

  /**
   * A document's whole text with the search's words marked: escaped first, then each occurrence of
   * a word (case-insensitive, at least two letters) wrapped in {@code <mark>}.
   */
  public String highlighted(String text, String query) {
    String escaped = HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    if (query == null || query.isBlank()) {
      return escaped;
    }
    StringBuilder alternatives = new StringBuilder();
    for (String word : query.split("[^\\p{L}\\p{N}]+")) {
      if (word.length() < 2 || word.equals("AND") || word.equals("OR") || word.equals("NOT")) {
        continue;
      }
      if (!alternatives.isEmpty()) {
        alternatives.append('|');
      }
      alternatives.append(Pattern.quote(HtmlUtils.htmlEscape(word, "UTF-8")));
    }
    if (alternatives.isEmpty()) {
      return escaped;
    }
    // Word starts only, so that "lön" marks "lönelista" but not "salong"-like infixes.
    Pattern words =
        Pattern.compile(
            "(?<![\\p{L}\\p{N}])(" + alternatives + ")",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return words.matcher(escaped).replaceAll("<mark>$1</mark>");
  }

  private static String neutral(String text) {
    return text.replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Closes a mark left open, so that the rest of the page is never marked. */
  private static String balanced(String html) {
    int open = html.split("<mark>", -1).length - 1;
    int close = html.split("</mark>", -1).length - 1;
    return open > close ? html + "</mark>".repeat(open - close) : html;
  }
}
