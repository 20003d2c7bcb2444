package se.arkiv.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import se.arkiv.record.OlderRule;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RetentionRule;

/**
 * What a file-plan change may do to a class, in one place for the API and a change read from {@code
 * file-plan.yaml}. Pure: the class before, the class asked for and the legal sources the change
 * cites give the same answer every time.
 *
 * <ul>
 *   <li>A rule that keeps its legal source is the law's minimum: its period may grow, never shrink,
 *       and it keeps its trigger. Changing either needs the law that changed it, cited as a new
 *       legal source.
 *   <li>A rule that disappears must have been replaced by a law the change cites. It stays with the
 *       records filed before the change as an {@link OlderRule}, flagged for a person to decide,
 *       because whether the old law still binds them depends on transitional provisions Arkiv
 *       cannot read.
 *   <li>So no change shortens the retention of a record already filed; the one step that may, a
 *       decision to let the current rules govern, is checked against the store's locks by {@link
 *       FilePlanVersions}.
 * </ul>
 */
final class FilePlanChangeRules {

  private static final LocalDate MEASURE_FROM = LocalDate.of(2000, 1, 1);

  private FilePlanChangeRules() {}

  /**
   * The class as the change leaves it.
   *
   * @param change one line for the version's history, or null when nothing changed
   * @param lengthens true when a record of the class may now be kept longer, so its store locks
   *     must be extended
   */
  record Judged(RecordClass result, String change, boolean lengthens) {}

  static Judged judge(
      RecordClass before, RecordClass asked, Set<String> cited, Instant at, int newVersion) {
    if (before == null) {
      return new Judged(asked, "added class " + asked.code() + " (" + asked.title() + ")", false);
    }
    List<String> changes = new ArrayList<>();
    List<OlderRule> older = new ArrayList<>(before.olderRules());
    boolean lengthens = false;
    for (RetentionRule rule : before.rules()) {
      List<RetentionRule> sameLaw =
          asked.rules().stream().filter(r -> r.legalSource().equals(rule.legalSource())).toList();
      if (sameLaw.isEmpty()) {
        older.add(replaced(before, rule, cited, at, newVersion));
        changes.add(
            "rule of "
                + rule.legalSource()
                + " replaced; it still applies to records filed before version "
                + newVersion
                + " until a records manager decides");
        continue;
      }
      RetentionRule kept =
          sameLaw.stream()
              .filter(r -> r.trigger() == rule.trigger() && Objects.equals(r.event(), rule.event()))
              .findFirst()
              .orElseThrow(
                  () ->
                      RetentionProblem.refused(
                          "Class "
                              + before.code()
                              + ": the rule of "
                              + rule.legalSource()
                              + " counts from "
                              + start(rule)
                              + "; counting from elsewhere needs the law that changed it, cited"
                              + " as the rule's new legal source"));
      int compared = compare(kept.period(), rule.period());
      if (compared < 0) {
        throw RetentionProblem.refused(
            "Class "
                + before.code()
                + ": "
                + kept.period()
                + " is shorter than "
                + rule.period()
                + ", the law's minimum under "
                + rule.legalSource()
                + "; a shorter period needs the law that changed it, cited as the rule's new legal"
                + " source");
      }
      if (compared > 0) {
        lengthens = true;
        changes.add(
            "rule of "
                + rule.legalSource()
                + " lengthened from "
                + rule.period()
                + " to "
                + kept.period());
      }
      if (!Objects.equals(kept.maximum(), rule.maximum())) {
        changes.add(
            "maximum of "
                + rule.legalSource()
                + " from "
                + rule.maximum()
                + " to "
                + kept.maximum());
      }
    }
    Set<String> beforeSources = new TreeSet<>();
    before.rules().forEach(r -> beforeSources.add(r.legalSource()));
    for (RetentionRule rule : asked.rules()) {
      if (!beforeSources.contains(rule.legalSource())) {
        // The latest minimum wins: a rule more can only keep a record longer.
        lengthens = true;
        changes.add(
            "rule of " + rule.legalSource() + " added: " + rule.period() + " from " + start(rule));
      }
    }
    if (!asked.title().equals(before.title())) {
      changes.add("title from '" + before.title() + "' to '" + asked.title() + "'");
    }
    if (asked.disposition() != before.disposition()) {
      changes.add("disposition from " + before.disposition() + " to " + asked.disposition());
    }
    String change = changes.isEmpty() ? null : before.code() + ": " + String.join("; ", changes);
    return new Judged(asked.withOlderRules(older), change, lengthens);
  }

  private static OlderRule replaced(
      RecordClass before, RetentionRule rule, Set<String> cited, Instant at, int newVersion) {
    Set<String> replacing = new TreeSet<>(cited);
    replacing.remove(rule.legalSource());
    if (replacing.isEmpty()) {
      throw RetentionProblem.refused(
          "Class "
              + before.code()
              + ": the change drops the rule of "
              + rule.legalSource()
              + " ("
              + rule.period()
              + " from "
              + start(rule)
              + ") without citing the law that replaced it; name it as the change's legalSource");
    }
    return new OlderRule(rule, at, newVersion, String.join("; ", replacing), null, null, null);
  }

  private static String start(RetentionRule rule) {
    return rule.needsEvent() ? rule.trigger() + " " + rule.event() : rule.trigger().name();
  }

  /** Periods compared by the day they reach from one start: P84M is P7Y, P1Y1D is longer. */
  static int compare(Period a, Period b) {
    return MEASURE_FROM.plus(a).compareTo(MEASURE_FROM.plus(b));
  }
}
