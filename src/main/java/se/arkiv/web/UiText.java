package se.arkiv.web;

import java.util.regex.Matcher;
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
   * A document's whole text with the search's words marked: each occurrence of a word
   * (case-insensitive, at least two letters) found in the text itself and wrapped in {@code
   * <mark>}, the rest escaped. Marking the escaped text instead marked the digits of an entity
   * ({@code &#39;} for a search of 39) and showed the text broken.
   */
  public String highlighted(String text, String query) {
    String raw = text == null ? "" : text;
    StringBuilder alternatives = new StringBuilder();
    for (String word : query == null ? new String[0] : query.split("[^\\p{L}\\p{N}]+")) {
      if (word.length() < 2 || word.equals("AND") || word.equals("OR") || word.equals("NOT")) {
        continue;
      }
      if (!alternatives.isEmpty()) {
        alternatives.append('|');
      }
      alternatives.append(Pattern.quote(word));
    }
    if (alternatives.isEmpty()) {
      return escaped(raw);
    }
    // Word starts only, so that "lön" marks "lönelista" but not "salong"-like infixes.
    Matcher words =
        Pattern.compile(
                "(?<![\\p{L}\\p{N}])(" + alternatives + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
            .matcher(raw);
    StringBuilder marked = new StringBuilder(raw.length() + 64);
    int at = 0;
    while (words.find()) {
      marked
          .append(escaped(raw.substring(at, words.start())))
          .append("<mark>")
          .append(escaped(words.group(1)))
          .append("</mark>");
      at = words.end();
    }
    return marked.append(escaped(raw.substring(at))).toString();
  }

  private static String escaped(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
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
