package se.arkiv.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import se.arkiv.search.InvalidQuery;

/**
 * The audit trail for auditors and records managers: filtered by actor, action, record and time
 * range, a page at a time, with the chain's verification shown above it. Reading and verifying go
 * through the API's controller, so they are audited the same way.
 */
@UiPage
class AuditTrailPage {

  static final int PAGE_SIZE = 50;

  private static final Logger log = LoggerFactory.getLogger(AuditTrailPage.class);

  private final AuditController api;

  AuditTrailPage(AuditController api) {
    this.api = api;
  }

  /** The filters as the form holds them; days are Stockholm days, "to" included. */
  record Filter(String actor, String action, String record, String from, String to, String q) {

    public String queryString() {
      return UriComponentsBuilder.newInstance()
          .queryParamIfPresent("actor", Optional.ofNullable(actor))
          .queryParamIfPresent("action", Optional.ofNullable(action))
          .queryParamIfPresent("record", Optional.ofNullable(record))
          .queryParamIfPresent("from", Optional.ofNullable(from))
          .queryParamIfPresent("to", Optional.ofNullable(to))
          .queryParamIfPresent("q", Optional.ofNullable(q))
          .encode()
          .build()
          .getQuery();
    }
  }

  @GetMapping("/audit")
  String trail(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String record,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    Filter filter =
        new Filter(
            blankToNull(actor),
            blankToNull(action),
            blankToNull(record),
            blankToNull(from),
            blankToNull(to),
            blankToNull(q));
    Instant start = day(filter.from(), "from", 0);
    Instant end = day(filter.to(), "to", 1);
    model.addAttribute("filter", filter);
    model.addAttribute("page", Math.max(0, page));
    model.addAttribute("first", (long) Math.max(0, page) * PAGE_SIZE);
    try {
      AuditController.AuditPage found =
          api.entries(
              filter.record(),
              filter.actor(),
              filter.action(),
              start,
              end,
              filter.q(),
              Math.max(0, page),
              PAGE_SIZE);
      model.addAttribute("entries", found.entries());
      model.addAttribute("more", found.entries().size() == PAGE_SIZE);
    } catch (InvalidQuery e) {
      throw e;
    } catch (RuntimeException e) {
      // An entry changed in the store may no longer read as an entry: the page still shows the
      // verification above, which names the first broken one.
      log.warn("Audit entries could not be read", e);
      model.addAttribute("entries", List.of());
      model.addAttribute("more", false);
      model.addAttribute("unreadable", true);
    }
    String query = filter.queryString();
    model.addAttribute("base", "/audit?" + (query == null ? "" : query + "&"));
    return "audit";
  }

  /** The chain's verification, loaded after the page: it recomputes every hash of the trail. */
  @GetMapping("/audit/verify")
  String verify(Model model) {
    Map<String, Object> result = api.verify();
    model.addAttribute("verification", result);
    return "fragments/audit :: verification";
  }

  private static Instant day(String value, String name, int plusDays) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(UiDates.STOCKHOLM).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidQuery(name + ": a date as YYYY-MM-DD, not '" + value + "'");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
