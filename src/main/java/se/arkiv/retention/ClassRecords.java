package se.arkiv.retention;

import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.RetentionCandidates;
import se.arkiv.storage.RecordStore;

/**
 * Every record of one class, as the store holds it: found through the index when the index is known
 * to hold every record, by a walk of the store otherwise.
 */
@Component
class ClassRecords {

  private final RetentionCandidates index;
  private final RecordStore records;

  ClassRecords(RetentionCandidates index, RecordStore records) {
    this.index = index;
    this.records = records;
  }

  void forEach(String recordClass, Consumer<RecordMetadata> action) {
    index
        .ofClass(recordClass, null)
        .ifPresentOrElse(
            ids -> ids.forEach(id -> records.latest(id).ifPresent(action)),
            () ->
                records
                    .latestRecords()
                    .filter(r -> recordClass.equals(r.recordClass()))
                    .forEach(action));
  }
}
