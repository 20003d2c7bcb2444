package se.arkiv.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import se.arkiv.record.EntityKind;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RetentionStart;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.search.SearchService;
import se.arkiv.storage.RecordStore;

/**
 * The records that concern a person: every record whose text holds their personal or coordination
 * number, and every record a clerk filed with it as the customer or employee key (banks often use
 * the personal number as the customer number), in any department and including restricted ones.
 */
@Component
class PersonRecords {

  /** The clerk's keys that may hold a personal number. */
  private static final List<String> PERSONAL_KEYS = List.of("customerId", "employeeId");

  private final SearchService search;
  private final RecordStore store;
  private final Clock clock;

  PersonRecords(SearchService search, RecordStore store, Clock clock) {
    this.search = search;
    this.store = store;
    this.clock = clock;
  }

  /** The person's number, normalised to twelve digits; a 400 when it is not a valid one. */
  String personalNumber(String written) {
    if (written == null || written.isBlank()) {
      throw new RetentionProblem(
          RetentionProblem.Kind.INVALID, "personnummer: the person's personal number is required");
    }
    String normalised = EntityKind.PERSONNUMMER.normalise(written, today());
    if (!normalised.matches("\\d{12}")) {
      throw new RetentionProblem(
          RetentionProblem.Kind.INVALID,
          "personnummer: '"
              + written.strip()
              + "' is not a valid personal or coordination number (date and check digit)");
    }
    return normalised;
  }

  /**
   * Every record of the person, oldest first. Refused (503) while the index is still being compared
   * with the store: a request a person has a right to must not miss a record.
   */
  List<RecordMetadata> of(String personalNumber) {
    if (!search.isCurrent()) {
      throw new RetentionProblem(
          RetentionProblem.Kind.UNAVAILABLE,
          "The search index is still catching up with the store; a data subject's request cannot"
              + " be answered completely yet. Try again in a minute.");
    }
    Set<String> ids = new TreeSet<>(search.matchingIds(query(personalNumber), null));
    List<RecordMetadata> records = new ArrayList<>();
    for (String id : ids) {
      store.latest(RecordId.of(id)).ifPresent(records::add);
    }
    return records;
  }

  /** Where the person's number is in this record: the text, and which of the clerk's keys. */
  List<String> foundIn(RecordMetadata record, String personalNumber) {
    List<String> where = new ArrayList<>();
    if (record.extraction().foundKeys().values(EntityKind.PERSONNUMMER).contains(personalNumber)
        || record
            .extraction()
            .foundKeys()
            .values(EntityKind.SAMORDNINGSNUMMER)
            .contains(personalNumber)) {
      where.add("text");
    }
    record
        .keys()
        .present()
        .forEach(
            (name, value) -> {
              if (PERSONAL_KEYS.contains(name) && writtenForms(personalNumber).contains(value)) {
                where.add(name);
              }
            });
    return where;
  }

  private String query(String personalNumber) {
    StringBuilder q = new StringBuilder();
    q.append("personnummer:").append(personalNumber);
    q.append(" OR samordningsnummer:").append(personalNumber);
    for (String key : PERSONAL_KEYS) {
      for (String form : writtenForms(personalNumber)) {
        q.append(" OR ").append(key).append(":\"").append(form).append('"');
      }
    }
    return q.toString();
  }

  /** The forms a clerk types a personal number in: twelve or ten digits, with or without a dash. */
  private static List<String> writtenForms(String twelve) {
    String ten = twelve.substring(2);
    return List.of(
        twelve,
        twelve.substring(0, 8) + "-" + twelve.substring(8),
        ten,
        ten.substring(0, 6) + "-" + ten.substring(6));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), RetentionStart.LEGAL_ZONE);
  }
}
