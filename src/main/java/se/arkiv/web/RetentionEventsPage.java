package se.arkiv.web;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RetentionRule;
import se.arkiv.retention.RetentionEvent;
import se.arkiv.retention.RetentionEvents;
import se.arkiv.retention.RetentionProblem;

/**
 * Retention events (account closed, employment ended, relationship ended): posted with the business
 * keys they concern, listed newest first, retracted with a reason. Through the API's controller, so
 * the rules and the audit entries are the same.
 */
@UiPage
class RetentionEventsPage {

  static final int PAGE_SIZE = 50;

  private final RetentionEvents events;
  private final RetentionEventsController api;
  private final FilePlan filePlan;

  RetentionEventsPage(RetentionEvents events, RetentionEventsController api, FilePlan filePlan) {
    this.events = events;
    this.api = api;
    this.filePlan = filePlan;
  }

  @GetMapping("/retention/events")
  String list(@RequestParam(defaultValue = "0") int page, Model model) {
    List<RetentionEvent> all = new ArrayList<>(events.all());
    Collections.reverse(all);
    int from = Math.max(0, Math.min(page, all.size() / PAGE_SIZE)) * PAGE_SIZE;
    model.addAttribute("events", all.subList(from, Math.min(all.size(), from + PAGE_SIZE)));
    model.addAttribute("page", from / PAGE_SIZE);
    model.addAttribute("more", all.size() > from + PAGE_SIZE);
    model.addAttribute("total", all.size());
    model.addAttribute("types", types());
    model.addAttribute("keyNames", BusinessKeys.NAMES);
    return "retention-events";
  }

  @PostMapping("/retention/events")
  String record(@RequestParam Map<String, String> form, Principal user) {
    BusinessKeys keys =
        new BusinessKeys(
            form.get("key.customerId"),
            form.get("key.accountId"),
            form.get("key.employeeId"),
            form.get("key.counterparty"),
            form.get("key.caseId"));
    String reference = form.getOrDefault("reference", "").strip();
    api.recordEvent(
        new RetentionEventsController.EventRequest(
            form.get("type"),
            keys,
            date(form.get("effectiveDate")),
            reference.isEmpty() ? null : reference,
            date(form.get("extendedUntil"))),
        user);
    return "redirect:/retention/events?recorded";
  }

  @PostMapping("/retention/events/{id}/retract")
  String retract(
      @PathVariable String id, @RequestParam(defaultValue = "") String reason, Principal user) {
    api.retract(id, new ReasonRequest(reason), user);
    return "redirect:/retention/events?retracted";
  }

  /** The event types that start a clock somewhere in the file plan. */
  private List<String> types() {
    TreeSet<String> types = new TreeSet<>();
    filePlan.classes().stream()
        .flatMap(c -> c.rules().stream())
        .filter(RetentionRule::needsEvent)
        .forEach(rule -> types.add(rule.event()));
    return List.copyOf(types);
  }

  private static LocalDate date(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new RetentionProblem(
          RetentionProblem.Kind.INVALID,
          "effectiveDate: a date as YYYY-MM-DD, not '" + value + "'");
    }
  }
}
