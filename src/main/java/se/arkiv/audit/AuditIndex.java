package se.arkiv.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import se.arkiv.storage.StorageSettings;

/**
 * The index of the trail: derived, like the records index, and kept apart from it (its own folder,
 * writer and schema), since the trail is the audit module's alone. It holds a prefix of the trail,
 * entries 1 to {@link View#through}, added in order by {@link AuditIndexCatchUp} alone; everything
 * after that is scanned by {@link AuditReader}, so an index that is behind never hides an entry.
 *
 * <p>Why it is over 300 lines: the writer, its schema and head in the commit data, and the paged
 * search share one lock and one view of "entries 1 to N"; the query building (a third of it) is
 * static and could move out, left for the next change here.
 */
@Component
class AuditIndex implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditIndex.class);

  /** What the documents look like; an index of another schema is rebuilt at start-up. */
  static final String SCHEMA = "1";

  private static final String SCHEMA_KEY = "arkiv.audit.schema";
  private static final String THROUGH_KEY = "arkiv.audit.through";
  private static final String HEAD_KEY = "arkiv.audit.head";

  private final Path dir;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  // The last entry added, and its chain hash: what the next commit records.
  private long through;
  private String head = ChainLine.GENESIS;

  AuditIndex(AuditSettings settings, StorageSettings storage) throws IOException {
    this.dir = Files.createDirectories(settings.indexDir(storage).toAbsolutePath());
    this.directory = FSDirectory.open(dir);
    this.writer = openWriter();
    this.searchers = new SearcherManager(writer, null);
  }

  /** The last entry of the last commit (sequence 0 for none): where indexing goes on from. */
  record Head(long seq, String hash) {}

  /** A page of matches from the index, and how far the index reached when it was asked. */
  record Hits(long through, List<AuditEntry> found, int skipped) {}

  /**
   * An index that cannot be opened (corrupt, of another Lucene or schema) is derived data: start
   * afresh, and the catch-up indexes the trail again from the sealed segments.
   */
  private IndexWriter openWriter() throws IOException {
    try {
      if (DirectoryReader.indexExists(directory)) {
        Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
        String schema = data.getOrDefault(SCHEMA_KEY, "none");
        if (!schema.equals(SCHEMA)) {
          return rebuild("it was written by another version of Arkiv (schema " + schema + ")");
        }
        through = Long.parseLong(data.getOrDefault(THROUGH_KEY, "0"));
        head = data.getOrDefault(HEAD_KEY, ChainLine.GENESIS);
      }
      return new IndexWriter(directory, config());
    } catch (IOException | NumberFormatException e) {
      // Corrupt, cut short, of another Lucene: Lucene says so in several ways, all of them here.
      return rebuild("it cannot be opened (" + e + ")");
    }
  }

  private IndexWriter rebuild(String why) throws IOException {
    log.warn("Audit index at {}: {}; indexing the trail again", dir, why);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    through = 0;
    head = ChainLine.GENESIS;
    IndexWriter fresh =
        new IndexWriter(directory, config().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
    commit(fresh);
    return fresh;
  }

  /**
   * Sorted in trail order, and merged only with neighbours (a log merge policy), so that each index
   * segment holds a run of consecutive entries in order and a page is read without sorting.
   */
  private static IndexWriterConfig config() {
    return new IndexWriterConfig(AuditDocuments.ANALYZER)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setIndexSort(AuditDocuments.TRAIL_ORDER)
        .setMergePolicy(new LogByteSizeMergePolicy())
        .setRAMBufferSizeMB(32);
  }

  synchronized Head committed() {
    return new Head(through, head);
  }

  /** Adds the next entry of the trail; {@code hash} is its chain hash. */
  synchronized void add(AuditEntry entry, String json, String hash) {
    if (entry.seq() != through + 1) {
      throw new IllegalStateException(
          "Audit entry " + entry.seq() + " does not follow " + through + " in the index");
    }
    try {
      writer.addDocument(AuditDocuments.of(entry, json));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot index audit entry " + entry.seq(), e);
    }
    through = entry.seq();
    head = hash;
  }

  /** Makes what was added durable and visible to searches. */
  synchronized void commit() {
    try {
      commit(writer);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit the audit index", e);
    }
  }

  private void commit(IndexWriter to) throws IOException {
    to.setLiveCommitData(
        Map.of(SCHEMA_KEY, SCHEMA, THROUGH_KEY, Long.toString(through), HEAD_KEY, head).entrySet());
    to.commit();
  }

  /** Empties the index: it no longer belongs to the trail (see {@link AuditIndexCatchUp}). */
  synchronized void clear() {
    try {
      writer.deleteAll();
      through = 0;
      head = ChainLine.GENESIS;
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot empty the audit index", e);
    }
  }

  /**
   * The matches of {@code query} among the entries indexed, in trail order, from {@code offset}, at
   * most {@code limit}; {@link Hits#skipped} of the offset were passed over here, the rest is for
   * the entries after {@link Hits#through}.
   */
  Hits search(AuditQuery query, FreeText text, int offset, int limit) {
    IndexSearcher searcher = acquire();
    try {
      IndexReader reader = searcher.getIndexReader();
      long through = throughOf(reader);
      if (through == 0 || limit <= 0) {
        return new Hits(through, List.of(), 0);
      }
      Query lucene = searcher.rewrite(luceneQuery(query, text));
      List<LeafReaderContext> leaves = inTrailOrder(reader.leaves());
      Page page =
          leaves == null
              ? sorted(searcher, lucene, offset, limit)
              : walked(searcher, lucene, leaves, offset, limit);
      StoredFields stored = searcher.storedFields();
      List<AuditEntry> found = new ArrayList<>(page.docs().size());
      for (int doc : page.docs()) {
        String json = stored.document(doc, Set.of(AuditDocuments.JSON)).get(AuditDocuments.JSON);
        found.add(ChainLine.JSON.readValue(json, AuditEntry.class));
      }
      return new Hits(through, found, page.skipped());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot search the audit index", e);
    } finally {
      release(searcher);
    }
  }

  /** The last entry searches find in the index; 0 for none. */
  long through() {
    IndexSearcher searcher = acquire();
    try {
      return throughOf(searcher.getIndexReader());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the audit index", e);
    } finally {
      release(searcher);
    }
  }

  /**
   * What a searcher sees is a prefix of the trail (entries are added in order by one thread), so
   * its largest sequence number says where reading the trail must begin.
   */
  private static long throughOf(IndexReader reader) throws IOException {
    byte[] max = PointValues.getMaxPackedValue(reader, AuditDocuments.SEQ);
    return max == null ? 0 : LongPoint.decodeDimension(max, 0);
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      log.warn("Releasing an audit index searcher failed: {}", e.toString());
    }
  }

  private record Page(List<Integer> docs, int skipped) {}

  /**
   * The usual way: the index segments one after the other, each in trail order, stopping once the
   * page is full. A segment whose matches all lie before the offset is passed over by its count
   * when the query can count it without reading its postings.
   */
  private static Page walked(
      IndexSearcher searcher, Query query, List<LeafReaderContext> leaves, int offset, int limit)
      throws IOException {
    Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1);
    List<Integer> docs = new ArrayList<>();
    long matched = 0;
    for (LeafReaderContext leaf : leaves) {
      if (docs.size() >= limit) {
        break;
      }
      int count = weight.count(leaf);
      if (count == 0 || (count > 0 && matched + count <= offset)) {
        matched += count;
        continue;
      }
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      DocIdSetIterator matches = scorer.iterator();
      for (int doc = matches.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS && docs.size() < limit;
          doc = matches.nextDoc()) {
        if (live == null || live.get(doc)) {
          if (matched++ >= offset) {
            docs.add(leaf.docBase + doc);
          }
        }
      }
    }
    return new Page(docs, (int) Math.min(matched, offset));
  }

  /** Should segments ever overlap in sequence numbers: a sort, slower but as exact. */
  private static Page sorted(IndexSearcher searcher, Query query, int offset, int limit)
      throws IOException {
    ScoreDoc[] hits =
        searcher.search(query, Math.addExact(offset, limit), AuditDocuments.TRAIL_ORDER).scoreDocs;
    List<Integer> docs = new ArrayList<>();
    for (int i = offset; i < hits.length; i++) {
      docs.add(hits[i].doc);
    }
    return new Page(docs, Math.min(hits.length, offset));
  }

  /** The index segments by their first sequence number; null when two of them overlap. */
  private static List<LeafReaderContext> inTrailOrder(List<LeafReaderContext> leaves)
      throws IOException {
    record Span(LeafReaderContext leaf, long first, long last) {}
    List<Span> spans = new ArrayList<>();
    for (LeafReaderContext leaf : leaves) {
      PointValues points = leaf.reader().getPointValues(AuditDocuments.SEQ);
      if (points != null) {
        spans.add(
            new Span(
                leaf,
                LongPoint.decodeDimension(points.getMinPackedValue(), 0),
                LongPoint.decodeDimension(points.getMaxPackedValue(), 0)));
      }
    }
    spans.sort(Comparator.comparingLong(Span::first));
    for (int i = 1; i < spans.size(); i++) {
      if (spans.get(i).first() <= spans.get(i - 1).last()) {
        return null;
      }
    }
    return spans.stream().map(Span::leaf).toList();
  }

  static Query luceneQuery(AuditQuery query, FreeText text) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    boolean any = false;
    if (query.target() != null) {
      all.add(keyword(AuditDocuments.TARGET, query.target()), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (query.actor() != null) {
      all.add(keyword(AuditDocuments.ACTOR, query.actor()), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (query.action() != null) {
      all.add(
          new PrefixQuery(new Term(AuditDocuments.ACTION, query.action())),
          BooleanClause.Occur.FILTER);
      any = true;
    }
    if (query.from() != null || query.to() != null) {
      all.add(timeRange(query), BooleanClause.Occur.FILTER);
      any = true;
    }
    if (text != null) {
      all.add(text.query(), BooleanClause.Occur.FILTER);
      any = true;
    }
    return any ? all.build() : new MatchAllDocsQuery();
  }

  private static Query keyword(String field, String value) {
    return new TermQuery(new Term(field, value));
  }

  /** {@code from} inclusive, {@code to} exclusive, as {@link AuditQuery#matches}. */
  private static Query timeRange(AuditQuery query) {
    long lower = query.from() == null ? Long.MIN_VALUE : AuditDocuments.nanos(query.from());
    if (query.to() == null) {
      return LongPoint.newRangeQuery(AuditDocuments.TIME, lower, Long.MAX_VALUE);
    }
    long to = AuditDocuments.nanos(query.to());
    if (to == Long.MIN_VALUE) {
      return new MatchNoDocsQuery("nothing before the earliest time");
    }
    return LongPoint.newRangeQuery(AuditDocuments.TIME, lower, to - 1);
  }

  @Override
  public synchronized void destroy() throws IOException {
    searchers.close();
    commit(writer);
    writer.close();
    directory.close();
  }
}
