package se.arkiv.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import se.arkiv.record.FilePlan;
import se.arkiv.record.FilePlanFiles;
import se.arkiv.record.FilePlanInvalid;
import se.arkiv.record.OlderRule;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RuleText;
import se.arkiv.storage.RecordStore;

/**
 * Changes to the file plan by a records manager: a class changed or added, or a decision on a rule
 * of a replaced law. Each is judged by {@link FilePlanChangeRules} and becomes a new version in
 * {@link FilePlanVersions}; a change that keeps a class longer extends its records' store locks.
 */
@Service
public class FilePlanChanges {

  /** What a records manager may ask a decision on an older law to be. */
  public enum Decision {
    /** The older rule keeps binding the records filed under it; the flag goes. */
    KEEP_OLDER_RULE,
    /** The current rules govern those records too: refused while the store locks them longer. */
    APPLY_CURRENT_RULES
  }

  /**
   * A change of one class: {@code title}, {@code disposition} and {@code rules} default to the
   * class's own when it exists; {@code reason} and {@code legalSource} are always required.
   */
  public record ClassChange(
      String recordClass,
      String title,
      String disposition,
      List<RuleText> rules,
      String reason,
      String legalSource) {}

  private final FilePlan plan;
  private final FilePlanVersions versions;
  private final FilePlanLocks locks;
  private final ClassRecords classRecords;
  private final RecordStore records;
  private final RetentionEvents events;
  private final Clock clock;

  FilePlanChanges(
      FilePlan plan,
      FilePlanVersions versions,
      FilePlanLocks locks,
      ClassRecords classRecords,
      RecordStore records,
      RetentionEvents events,
      Clock clock) {
    this.plan = plan;
    this.versions = versions;
    this.locks = locks;
    this.classRecords = classRecords;
    this.records = records;
    this.events = events;
    this.clock = clock;
  }

  /** Puts in force what another node on the same store changed; under the change lock. */
  synchronized void reload() {
    versions.reload();
  }

  public synchronized FilePlanVersion change(ClassChange change, String user) {
    String reason = required(change.reason(), "reason: why the plan changes");
    String legalSource =
        required(change.legalSource(), "legalSource: the law or decision the change rests on");
    Optional<RecordClass> before = plan.find(change.recordClass());
    RecordClass asked = asked(change, before);
    Instant now = clock.instant();
    FilePlanChangeRules.Judged judged =
        FilePlanChangeRules.judge(
            before.orElse(null), asked, Set.of(legalSource), now, plan.version() + 1);
    if (judged.change() == null) {
      throw RetentionProblem.invalid(
          "The change leaves class " + asked.code() + " as it is in version " + plan.version());
    }
    FilePlanVersion version =
        versions.adopt(user, reason, legalSource, List.of(judged.change()), with(judged.result()));
    if (judged.lengthens()) {
      locks.extend(asked.code());
    }
    return version;
  }

  /**
   * Decides on an older law's rule that still binds the records of a class filed before it was
   * replaced. Letting the current rules govern could shorten those records' retention, so it is
   * refused while the store locks any of them beyond what the current rules keep: a lock is never
   * shortened, and a record must not outlive its lock unnoticed.
   */
  public synchronized FilePlanVersion decide(
      String recordClass, String legalSource, Decision decision, String reason, String user) {
    required(reason, "reason: why this is the decision");
    if (decision == null) {
      throw RetentionProblem.invalid(
          "decision: one of " + List.of(Decision.values()) + " is required");
    }
    RecordClass current = plan.require(recordClass);
    OlderRule older =
        current.olderRules().stream()
            .filter(o -> o.undecided() && o.rule().legalSource().equals(legalSource))
            .findFirst()
            .orElseThrow(
                () ->
                    RetentionProblem.notFound(
                        "Class "
                            + recordClass
                            + " has no undecided rule of '"
                            + legalSource
                            + "'; undecided: "
                            + current.olderRules().stream()
                                .filter(OlderRule::undecided)
                                .map(o -> o.rule().legalSource())
                                .toList()));
    List<OlderRule> rest = new ArrayList<>(current.olderRules());
    rest.remove(older);
    String change;
    if (decision == Decision.KEEP_OLDER_RULE) {
      rest.add(older.kept(user, clock.instant()));
      change =
          recordClass
              + ": the rule of "
              + legalSource
              + " keeps binding the records filed before "
              + older.filedBefore();
    } else {
      RecordClass without = current.withOlderRules(rest);
      refuseWhileLockedLonger(without, older);
      change =
          recordClass
              + ": the current rules govern the records filed before "
              + older.filedBefore()
              + "; the rule of "
              + legalSource
              + " no longer applies";
    }
    return versions.adopt(
        user,
        reason,
        legalSource,
        List.of(change + " (" + decision + ")"),
        with(current.withOlderRules(rest)));
  }

  private void refuseWhileLockedLonger(RecordClass without, OlderRule older) {
    Instant now = clock.instant();
    List<RetentionEvent> active = events.active();
    long[] locked = {0};
    String[] example = {null};
    classRecords.forEach(
        without.code(),
        record -> {
          if (record.filedAt().isAfter(older.filedBefore())) {
            return;
          }
          Retention after = RetentionClock.compute(record, without, active, List.of(), now);
          Optional<Instant> lock = records.retainedUntil(record.id());
          if (after.retainUntil() != null
              && lock.isPresent()
              && lock.get().isAfter(after.retainUntil())) {
            locked[0]++;
            if (example[0] == null) {
              example[0] =
                  record.id()
                      + " is locked until "
                      + lock.get()
                      + ", the current rules keep it until "
                      + after.retainUntil();
            }
          }
        });
    if (locked[0] > 0) {
      throw RetentionProblem.refused(
          locked[0]
              + " records of "
              + without.code()
              + " filed before "
              + older.filedBefore()
              + " are locked in the store longer than the current rules keep them (for example, "
              + example[0]
              + "); a store lock is never shortened, so decide "
              + Decision.KEEP_OLDER_RULE
              + " for them");
    }
  }

  private RecordClass asked(ClassChange change, Optional<RecordClass> before) {
    String title =
        change.title() != null ? change.title() : before.map(RecordClass::title).orElse(null);
    String disposition =
        change.disposition() != null
            ? change.disposition()
            : before.map(c -> c.disposition().name()).orElse(null);
    List<RuleText> rules =
        change.rules() != null
            ? change.rules()
            : before.map(c -> c.rules().stream().map(RuleText::of).toList()).orElse(null);
    try {
      return FilePlanFiles.checkClass(change.recordClass(), title, disposition, rules);
    } catch (FilePlanInvalid e) {
      throw RetentionProblem.invalid(e.getMessage());
    }
  }

  private List<RecordClass> with(RecordClass changed) {
    List<RecordClass> classes = new ArrayList<>();
    boolean replaced = false;
    for (RecordClass c : plan.classes()) {
      if (c.code().equals(changed.code())) {
        classes.add(changed);
        replaced = true;
      } else {
        classes.add(c);
      }
    }
    if (!replaced) {
      classes.add(changed);
    }
    return classes;
  }

  private static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw RetentionProblem.invalid(what + " is required");
    }
    return value.strip();
  }
}
