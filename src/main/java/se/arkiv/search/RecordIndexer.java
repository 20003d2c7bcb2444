package se.arkiv.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordVersionStored;
import se.arkiv.storage.RecordStore;

/** Keeps the index in step with the store: every stored metadata version is indexed. */
@Component
class RecordIndexer {

  private static final Logger log = LoggerFactory.getLogger(RecordIndexer.class);

  private final LuceneIndex index;
  private final RecordStore store;
  private final ObjectProvider<IndexCatchUp> catchUp;

  RecordIndexer(LuceneIndex index, RecordStore store, ObjectProvider<IndexCatchUp> catchUp) {
    this.index = index;
    this.store = store;
    this.catchUp = catchUp;
  }

  /**
   * Runs in the thread that announced the version (for a filing: after its duplicate lock is let
   * go, still before the answer, so the record is found by its metadata once the index refreshes).
   * A failure here must not fail the filing, which is already durable: the catch-up indexes the
   * record later.
   */
  @EventListener
  @Order(0)
  void on(RecordVersionStored event) {
    String id = event.metadata().id().value();
    try {
      index(event.metadata(), event.text());
      catchUp.getObject().indexed(id);
    } catch (RuntimeException e) {
      // Until the catch-up has indexed it, holds by query must not trust the index.
      catchUp.getObject().failed(id);
      log.warn("Indexing {} failed; the catch-up will retry", id, e);
    }
  }

  void index(RecordMetadata record) {
    index(record, null);
  }

  /** With the text at hand (from extraction), the store is not asked for it again. */
  void index(RecordMetadata record, String knownText) {
    String text = null;
    if (record.extraction().status() == ExtractionStatus.DONE) {
      text = knownText != null ? knownText : store.readText(record.id()).orElse(null);
    }
    index.upsert(record.id().value(), RecordDocuments.of(record, text));
  }
}
