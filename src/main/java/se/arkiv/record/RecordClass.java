package se.arkiv.record;

import java.util.List;

/**
 * One class of the file plan: what kind of record it is, the rules of law that say how long to keep
 * it, and what happens when that time is up.
 */
public record RecordClass(
    String code, String title, DispositionAction disposition, List<RetentionRule> rules) {

  public RecordClass {
    rules = List.copyOf(rules);
  }
}
