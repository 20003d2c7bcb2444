package se.arkiv.record;

import java.time.Instant;

/**
 * A retention rule from a law that a file-plan change replaced. Records filed before the change may
 * still be bound by it (transitional provisions differ from law to law), so Arkiv does not decide:
 * the rule keeps applying to them, flagged, until a records manager decides to keep it for good
 * ({@code decision} KEEP) or to let the current rules govern (the rule is then dropped).
 *
 * @param filedBefore the moment of the change: the rule binds only records filed before it (or in
 *     the same instant, on the safe side)
 * @param replacedInVersion the file-plan version that replaced it
 * @param replacedBy the legal source the change cited
 * @param decision null while a person must decide; {@code KEEP} once decided to keep it
 */
public record OlderRule(
    RetentionRule rule,
    Instant filedBefore,
    int replacedInVersion,
    String replacedBy,
    String decision,
    String decidedBy,
    Instant decidedAt) {

  public static final String KEEP = "KEEP";

  public boolean undecided() {
    return decision == null;
  }

  public OlderRule kept(String user, Instant at) {
    return new OlderRule(rule, filedBefore, replacedInVersion, replacedBy, KEEP, user, at);
  }
}
