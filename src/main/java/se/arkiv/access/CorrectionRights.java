package se.arkiv.access;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import se.arkiv.filing.MetadataCorrection;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.retention.RetentionService;
import se.arkiv.retention.RetentionStatus;
import se.arkiv.security.Actor;
import se.arkiv.security.Role;

/** Who may correct which field of a record, and when no one may. */
@Component
public class CorrectionRights {

  /** Fields whose change can move a record's retain-until or take it out of a hold. */
  public static final Set<String> RETENTION_FIELDS =
      Set.of("documentDate", "fiscalYearEnd", "keys");

  private final RetentionService retention;

  CorrectionRights(RetentionService retention) {
    this.retention = retention;
  }

  /** Whether the actor may correct this field at all (the UI offers only these). */
  public boolean mayCorrect(Actor actor, String field) {
    return !RETENTION_FIELDS.contains(field) || actor.roles().contains(Role.RECORDS_MANAGER);
  }

  /**
   * Refuses a correction the actor may not make: a move out of their departments, a retention field
   * by anyone but a records manager, anything on a held record.
   */
  public void check(Actor actor, RecordMetadata record, MetadataCorrection correction) {
    Set<String> fields = correction.fields();
    if (fields.contains("department")
        && !actor.maySee(RecordAccess.normalised(correction.department()))) {
      throw new OutsideScope("You may move records only into your own departments");
    }
    List<String> refused = fields.stream().filter(field -> !mayCorrect(actor, field)).toList();
    if (!refused.isEmpty()) {
      throw new NotForYourRole(
          "Only a records manager may correct " + refused + ": they decide retention");
    }
    if (held(record)) {
      throw new RetentionProblem(
          RetentionProblem.Kind.REFUSED,
          "Record " + record.id() + " is under legal hold: it is not corrected until released");
    }
  }

  /**
   * Whether no one may correct the record now, whatever the field: it is under legal hold, or
   * restricted by an erasure request (kept unchanged until disposition). The UI offers no form.
   */
  public boolean frozen(RecordMetadata record) {
    return record.restriction() != null || held(record);
  }

  private boolean held(RecordMetadata record) {
    return retention.retentionOf(record).status() == RetentionStatus.HELD;
  }
}
