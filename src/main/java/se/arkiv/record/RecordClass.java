package se.arkiv.record;

import java.util.List;

/**
 * One class of the file plan: what kind of record it is, the rules of law that say how long to keep
 * it, and what happens when that time is up.
 *
 * @param olderRules rules of a law a later file-plan version replaced, which may still bind the
 *     records filed before that version: each applies to those records until a records manager
 *     decides
 */
public record RecordClass(
    String code,
    String title,
    DispositionAction disposition,
    List<RetentionRule> rules,
    List<OlderRule> olderRules) {

  public RecordClass {
    rules = List.copyOf(rules);
    olderRules = olderRules == null ? List.of() : List.copyOf(olderRules);
  }

  public RecordClass(
      String code, String title, DispositionAction disposition, List<RetentionRule> rules) {
    this(code, title, disposition, rules, List.of());
  }

  public RecordClass withOlderRules(List<OlderRule> olderRules) {
    return new RecordClass(code, title, disposition, rules, olderRules);
  }
}
