package se.arkiv.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.arkiv.record.FilePlan;
import se.arkiv.search.IndexRebuild;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SearchHit;
import se.arkiv.search.SearchResult;
import se.arkiv.search.SearchSettings;

/** The search screen: one box, facets as filters, snippets, cursor paging, CSV of the hit list. */
@UiPage
class SearchPage {

  static final int PAGE_SIZE = 20;

  /** The CSV export stops here; the page says so rather than time out on a huge archive. */
  static final int CSV_LIMIT = 10_000;

  /** "Low OCR confidence": a page read at or below this is worth a person's look. */
  static final String LOW_OCR_CONFIDENCE = "60";

  private final AuditedSearch search;
  private final FilePlan filePlan;
  private final int maxWindow;
  private final UiText text;
  private final IndexRebuild rebuild;

  SearchPage(
      AuditedSearch search,
      FilePlan filePlan,
      UiText text,
      SearchSettings settings,
      IndexRebuild rebuild) {
    this.search = search;
    this.rebuild = rebuild;
    this.filePlan = filePlan;
    this.maxWindow = settings.maxWindow();
    this.text = text;
  }

  @GetMapping("/search")
  String search(
      @RequestParam Map<String, String> parameters, Model model, HttpServletResponse response) {
    SearchForm form;
    SearchResult result;
    try {
      form = SearchForm.of(parameters, PAGE_SIZE);
      result = search.run(form);
    } catch (InvalidQuery e) {
      // The page stays, with the query in its box and why it cannot be read above the (empty)
      // hits, so the user mends it in place; an error page instead lost the form, and htmx,
      // selecting #main from it, blanked the page.
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("searchProblem", e.getMessage());
      form = SearchForm.of(Map.of("q", parameters.getOrDefault("q", "")), PAGE_SIZE);
      result = new SearchResult(0, List.of(), Map.of(), null);
    }
    model.addAttribute("form", form);
    model.addAttribute("classes", filePlan.classes());
    model.addAttribute("lowOcr", LOW_OCR_CONFIDENCE);
    model.addAttribute("rebuild", rebuild.underWay().orElse(null));
    model.addAttribute("result", result);
    // Rendered unescaped, so made safe here, where it is tested, not in the template.
    Map<String, List<String>> snippets = new HashMap<>();
    result
        .hits()
        .forEach(
            hit -> snippets.put(hit.id(), hit.snippets().stream().map(text::snippet).toList()));
    model.addAttribute("snippets", snippets);
    model.addAttribute("first", form.cursor() == null ? form.page() * form.size() : -1);
    model.addAttribute("next", next(form, result));
    return "search";
  }

  /**
   * The next page's link: numbered pages while they stay inside the index's window (so a record
   * knows its place in the list for next and previous), the cursor beyond it.
   */
  private String next(SearchForm form, SearchResult result) {
    String base = "/search?" + form.queryString() + (form.queryString().isEmpty() ? "" : "&");
    long shown = (long) (form.page() + 1) * form.size();
    if (form.cursor() == null && shown < result.total() && shown + form.size() <= maxWindow) {
      return base + "page=" + (form.page() + 1);
    }
    if (result.nextCursor() != null && !result.hits().isEmpty()) {
      return base + "cursor=" + URLEncoder.encode(result.nextCursor(), StandardCharsets.UTF_8);
    }
    return null;
  }

  /**
   * The hit list as CSV (id, title, class, department, document date), at most {@value CSV_LIMIT}.
   */
  @GetMapping("/search.csv")
  void csv(@RequestParam Map<String, String> parameters, HttpServletResponse response)
      throws IOException {
    SearchForm form = SearchForm.of(parameters, 100).withCursor(null).walkable();
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION, Downloads.disposition(false, "arkiv-search.csv"));
    PrintWriter out = response.getWriter();
    out.print('\uFEFF'); // so that Excel reads the UTF-8 of Swedish titles correctly
    out.print("id,title,recordClass,department,documentDate\r\n");
    int written = 0;
    SearchForm page = form;
    while (written < CSV_LIMIT) {
      SearchResult result = search.run(page);
      for (SearchHit hit : result.hits()) {
        out.print(
            String.join(
                    ",",
                    List.of(
                        csvField(hit.id()),
                        csvField(hit.title()),
                        csvField(hit.recordClass()),
                        csvField(hit.department()),
                        csvField(hit.documentDate())))
                + "\r\n");
        if (++written == CSV_LIMIT) {
          break;
        }
      }
      if (result.nextCursor() == null || result.hits().isEmpty()) {
        break;
      }
      page = page.withCursor(result.nextCursor());
    }
    out.flush();
  }

  /**
   * A CSV field, quoted when needed; a leading =, +, - or @ is neutralised so that a spreadsheet
   * never runs a filed title as a formula.
   */
  static String csvField(String value) {
    if (value == null) {
      return "";
    }
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      safe = "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
