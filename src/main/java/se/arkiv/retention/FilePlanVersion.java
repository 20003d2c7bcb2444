package se.arkiv.retention;

import java.time.Instant;
import java.util.List;
import se.arkiv.record.RecordClass;

/**
 * One version of the file plan, kept whole in the object store ({@code file-plan/00000N.json},
 * never overwritten), so that any past decision can be read against the plan it was made under.
 *
 * @param changedBy the records manager, or {@code file-plan.yaml} for a change read from the file
 * @param reason why the plan changed, in the words of the person who changed it
 * @param legalSource the law, regulation or decision the change rests on (null for the first
 *     version)
 * @param changes what changed, one line per class
 * @param fileSha256 the SHA-256 of {@code file-plan.yaml} when this version was read from it: an
 *     unchanged file at the next start changes nothing, an edited one is a new change
 * @param fileClasses the classes as that file wrote them (null for a change over the API): at the
 *     next edit only the classes the file itself changed are changes, so an edit never undoes what
 *     a records manager changed over the API
 */
public record FilePlanVersion(
    int schemaVersion,
    int version,
    Instant changedAt,
    String changedBy,
    String reason,
    String legalSource,
    List<String> changes,
    String fileSha256,
    List<RecordClass> fileClasses,
    List<RecordClass> classes) {

  static final int SCHEMA_VERSION = 1;

  public FilePlanVersion {
    changes = List.copyOf(changes);
    fileClasses = fileClasses == null ? null : List.copyOf(fileClasses);
    classes = List.copyOf(classes);
  }

  /** The version without its classes, for a history. */
  public record Summary(
      int version,
      Instant changedAt,
      String changedBy,
      String reason,
      String legalSource,
      List<String> changes) {}

  public Summary summary() {
    return new Summary(version, changedAt, changedBy, reason, legalSource, changes);
  }
}
