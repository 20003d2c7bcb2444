package se.arkiv.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The one {@link IndexWriter} of the index and the {@link SearcherManager} that readers share.
 * Refreshed on a short interval so new records show up in about a second; committed on a longer
 * one, since anything lost in a crash is indexed again from the object store.
 *
 * <p>Why it is a little over 300 lines: it owns the writer's whole life (open with its schema
 * check, refresh and commit, the clean-close marker, close), which reads best in one place; the
 * searchers are {@link SlicedSearchers}'.
 */
@Component
class LuceneIndex implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LuceneIndex.class);

  /**
   * What the documents look like. An index of another schema is rebuilt from the store at start-up
   * (Lucene refuses a field whose indexing options change). 2: text fields with offsets. 3: offsets
   * on the exact text only, stemmed fields without positions, stored fields at best compression,
   * the id from doc values. 4: and the retention start (an index without it would hide every record
   * from disposition's query).
   */
  static final String SCHEMA = "4";

  private static final String SCHEMA_KEY = "arkiv.schema";

  /**
   * Written only by the last commit of a clean close after the index was whole (compared with the
   * store, nothing behind): a crash or a kill leaves a commit without it, since every commit while
   * the service runs is made without it.
   */
  private static final String WHOLE_KEY = "arkiv.whole-at-close";

  private final boolean wholeAtOpen;
  private volatile boolean wholeAtClose;

  private final Analyzer analyzer;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  // A thread of its own: a refresh must never wait behind a long job on the shared scheduler.
  private final ThreadPoolTaskScheduler maintenance = new ThreadPoolTaskScheduler();

  private final SlicedSearchers slices;

  private final FacetOrdinals facetOrdinals = new FacetOrdinals(IndexFields.FACETS);

  @Autowired
  LuceneIndex(SearchSettings settings) throws IOException {
    this(settings, SlicedSearchers.DOCS_PER_SLICE);
  }

  /**
   * With slices of at most {@code docsPerSlice} documents: tests search small indexes in slices.
   */
  LuceneIndex(SearchSettings settings, int docsPerSlice) throws IOException {
    this.analyzer = Analyzers.perField(settings.configDir());
    Path dir = settings.dir().toAbsolutePath();
    Files.createDirectories(dir);
    this.directory = FSDirectory.open(dir);
    this.wholeAtOpen =
        DirectoryReader.indexExists(directory)
            && "true".equals(userData(directory).get(WHOLE_KEY))
            && SCHEMA.equals(userData(directory).get(SCHEMA_KEY));
    this.writer = openWriter(dir);
    this.slices = new SlicedSearchers(docsPerSlice, facetOrdinals);
    this.searchers = new SearcherManager(writer, slices);
    maintenance.setThreadNamePrefix("index-maintenance-");
    maintenance.setDaemon(true);
    // Let a refresh or commit in progress finish at the stop: interrupted, it would only fail
    // noisily.
    maintenance.setWaitForTasksToCompleteOnShutdown(true);
    maintenance.setAwaitTerminationSeconds(10);
    maintenance.initialize();
    Duration refresh = settings.refreshInterval();
    maintenance.scheduleWithFixedDelay(this::refresh, Instant.now().plus(refresh), refresh);
    Duration commit = settings.commitInterval();
    maintenance.scheduleWithFixedDelay(this::commit, Instant.now().plus(commit), commit);
  }

  /**
   * An index that cannot be opened (corrupt, or written by another Lucene) is derived data: start
   * afresh and let the catch-up rebuild it from the store.
   */
  private IndexWriter openWriter(Path dir) throws IOException {
    IndexWriter opened;
    try {
      String schema = schemaOf(directory);
      if (schema != null && !schema.equals(SCHEMA)) {
        return rebuild(dir, "it was written by another version of Arkiv (schema " + schema + ")");
      }
      opened = new IndexWriter(directory, config());
    } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
      return rebuild(dir, "it cannot be opened (" + e + ")");
    }
    opened.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
    return opened;
  }

  /** The schema of the last commit; null for no index yet, "1" for one from before the marker. */
  private static String schemaOf(FSDirectory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return null;
    }
    return userData(directory).getOrDefault(SCHEMA_KEY, "1");
  }

  private static Map<String, String> userData(FSDirectory directory) throws IOException {
    try {
      return SegmentInfos.readLatestCommit(directory).getUserData();
    } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
      return Map.of();
    }
  }

  /**
   * True when the service that wrote this index closed it cleanly while it was whole: it may be
   * trusted from the start, and the comparison with the store runs in the background only to mend
   * what another process might have changed meanwhile.
   */
  boolean wholeAtOpen() {
    return wholeAtOpen;
  }

  /** Whether the close to come may mark the index whole; see {@link #WHOLE_KEY}. */
  void wholeAtClose(boolean whole) {
    this.wholeAtClose = whole;
  }

  private IndexWriter rebuild(Path dir, String why) throws IOException {
    log.warn("Index at {}: {}; rebuilding it from the store", dir, why);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    IndexWriter fresh =
        new IndexWriter(directory, config().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
    fresh.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
    fresh.commit();
    return fresh;
  }

  /**
   * Stored fields at best compression (DEFLATE), in smaller chunks ({@link ArkivCodec}): the stored
   * text was a third of the index, and a search reads it for 20 hits at most.
   */
  static final Codec CODEC = new ArkivCodec();

  private IndexWriterConfig config() {
    return new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64)
        .setCodec(CODEC)
        .setMergedSegmentWarmer(facetOrdinals::warm);
  }

  /** The facet fields' values by segment, read as segments appear rather than by searches. */
  FacetOrdinals facetOrdinals() {
    return facetOrdinals;
  }

  Analyzer analyzer() {
    return analyzer;
  }

  void upsert(String id, Document document) {
    try {
      writer.updateDocument(new Term(IndexFields.ID, id), document);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot index record " + id, e);
    }
  }

  void delete(String id) {
    try {
      writer.deleteDocuments(new Term(IndexFields.ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove record " + id + " from the index", e);
    }
  }

  IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes everything indexed so far visible to searches now, rather than at the next tick. */
  void refreshNow() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Record id to the metadata version the index holds for it. */
  Map<String, Integer> indexedVersions() {
    refreshNow();
    IndexSearcher searcher = acquire();
    try {
      Map<String, Integer> versions = new HashMap<>();
      IndexReader reader = searcher.getIndexReader();
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        SortedDocValues ids = leaf.reader().getSortedDocValues(IndexFields.ID);
        NumericDocValues numbers = leaf.reader().getNumericDocValues(IndexFields.VERSION);
        if (ids == null || numbers == null) {
          continue;
        }
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if ((live == null || live.get(doc)) && ids.advanceExact(doc)) {
            int version = numbers.advanceExact(doc) ? (int) numbers.longValue() : 0;
            versions.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), version);
          }
        }
      }
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searcher);
    }
  }

  int documentCount() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  private void refresh() {
    try {
      searchers.maybeRefresh();
    } catch (IOException | RuntimeException e) {
      log.warn("Index refresh failed", e);
    }
  }

  private void commit() {
    try {
      if (writer.hasUncommittedChanges()) {
        writer.commit();
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Index commit failed", e);
    }
  }

  @Override
  public void destroy() throws IOException {
    maintenance.shutdown();
    try {
      searchers.close();
      slices.close();
      if (wholeAtClose) {
        writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA, WHOLE_KEY, "true").entrySet());
      }
      writer.commit();
    } finally {
      writer.close();
      directory.close();
    }
  }
}
