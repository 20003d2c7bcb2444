package se.arkiv.search;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.RecordMetadata;

/** The search contract on the embedded Lucene index, the default engine. */
class LuceneSearchContractTest extends SearchContract {

  @TempDir Path dir;
  private LuceneIndex index;
  private SearchService search;

  @BeforeEach
  void open() throws Exception {
    SearchSettings settings = TemporaryIndex.settings(dir);
    index = new LuceneIndex(settings);
    search =
        new LuceneSearchService(
            index, settings, null, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  @AfterEach
  void close() throws Exception {
    index.destroy();
  }

  @Override
  SearchService search() {
    return search;
  }

  @Override
  SimilarRecords similar() {
    return new LuceneSimilarRecords(index);
  }

  @Override
  void add(RecordMetadata record, String text) {
    index.upsert(record.id().value(), RecordDocuments.of(record, text));
    index.refreshNow();
  }
}
