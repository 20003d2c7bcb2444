package se.arkiv.imports;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;

/**
 * Lines a crash left filed but not journaled. Duplicate detection alone cannot find them all: a
 * kill between a record's metadata and its duplicate key leaves a record that the next filing of
 * the same bytes does not see. Record ids are issued in time order, so only the records issued
 * since the journal's last {@code unjournaledSince} are read; those whose provenance names this
 * import and a line without an outcome are that line's record.
 */
@Component
class UnjournaledLines {

  // Clocks of the nodes sharing a store may differ this much.
  private static final long SKEW_MILLIS = 60_000;

  private final RecordStore records;

  UnjournaledLines(RecordStore records) {
    this.records = records;
  }

  void find(Import imported, Instant since, IntPredicate done, Consumer<RecordMetadata> each) {
    Instant from = since.minusMillis(SKEW_MILLIS);
    records
        .recordIds()
        .filter(id -> !id.issuedAt().isBefore(from))
        .forEach(
            id ->
                records
                    .latest(id)
                    .filter(r -> imported.id().equals(r.importId()))
                    .filter(r -> !done.test(r.provenance().manifestLine()))
                    .ifPresent(
                        record -> {
                          // The key the crash did not leave, so later filings see the record.
                          records.registerDuplicateKey(record);
                          each.accept(record);
                        }));
  }
}
