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
import java.util.TreeMap;
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
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
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
 * writer and schema), since the trail is the audit module's alone. It holds a prefix of each chain
 * of the trail ({@link AuditChain}), entries 1 to {@link Hits#through(AuditChain)}, added in order
 * by {@link AuditIndexCatchUp} alone; everything after that in this node's chain is scanned by
 * {@link AuditReader}, so an index that is behind never hides one of this node's entries.
 *
 * <p>Why it is over 300 lines: the writer, its schema and heads in the commit data, and the paged
 * search share one lock and one view of "entries 1 to N of each chain". The query building is
 * {@link AuditLuceneQuery}'s and the heads' encoding {@link AuditIndexHeads}'; the paging (walked
 * or sorted) is what could move out next.
 */
@Component
class AuditIndex implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditIndex.class);

  /**
   * What the documents look like; an index of another schema is rebuilt at start-up. 2: each
   * document names its chain and has its time as doc values, to sort entries of several chains.
   */
  static final String SCHEMA = "2";

  private static final String SCHEMA_KEY = "arkiv.audit.schema";

  private final Path dir;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  // The last entry added of each chain (by name), and its chain hash: what the next commit records.
  private final Map<String, Head> heads = new TreeMap<>();

  AuditIndex(AuditSettings settings, StorageSettings storage) throws IOException {
    this.dir = Files.createDirectories(settings.indexDir(storage).toAbsolutePath());
    this.directory = FSDirectory.open(dir);
    this.writer = openWriter();
    this.searchers = new SearcherManager(writer, null);
  }

  /** The last entry of the last commit (sequence 0 for none): where indexing goes on from. */
  record Head(long seq, String hash) {}

  private static final Head NONE = new Head(0, ChainLine.GENESIS);

  /**
   * A page of matches from the index, and how far the index reached in each chain when it was
   * asked. In trail order, when it holds this node's chain alone: the page itself from {@code
   * offset}, with {@code skipped} of the offset passed over. Otherwise ({@code inTimeOrder}) the
   * first {@code offset + limit} matches in {@link AuditDocuments#TIME_ORDER}, for the reader to
   * merge with what it reads after the index.
   */
  record Hits(Map<String, Long> heads, List<AuditEntry> found, int skipped, boolean inTimeOrder) {

    /** How far the index reached in {@code chain}: its entries 1 to this one. */
    long through(AuditChain chain) {
      return heads.getOrDefault(chain.name(), 0L);
    }

    /** The entries the index held, all chains together. */
    long through() {
      return heads.values().stream().mapToLong(Long::longValue).sum();
    }
  }

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
        heads.putAll(AuditIndexHeads.read(data));
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
    heads.clear();
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

  /** The chains the index holds entries of, by name. */
  synchronized Set<String> chains() {
    return Set.copyOf(heads.keySet());
  }

  synchronized Head committed(AuditChain chain) {
    return heads.getOrDefault(chain.name(), NONE);
  }

  /** Adds the next entry of {@code chain}; {@code hash} is its chain hash. */
  synchronized void add(AuditChain chain, AuditEntry entry, String json, String hash) {
    long through = committed(chain).seq();
    if (entry.seq() != through + 1) {
      throw new IllegalStateException(
          "Audit entry " + entry.seq() + " does not follow " + through + " in the index");
    }
    try {
      writer.addDocument(AuditDocuments.of(chain, entry, json));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot index audit entry " + entry.seq(), e);
    }
    heads.put(chain.name(), new Head(entry.seq(), hash));
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
    Map<String, String> data = AuditIndexHeads.write(heads);
    data.put(SCHEMA_KEY, SCHEMA);
    to.setLiveCommitData(data.entrySet());
    to.commit();
  }

  /** Empties the index: it no longer belongs to the trail (see {@link AuditIndexCatchUp}). */
  synchronized void clear() {
    try {
      writer.deleteAll();
      heads.clear();
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot empty the audit index", e);
    }
  }

  /** {@link #search(AuditQuery, FreeText, int, int, AuditChain)} for the only node's chain. */
  Hits search(AuditQuery query, FreeText text, int offset, int limit) {
    return search(query, text, offset, limit, AuditChain.LEGACY);
  }

  /**
   * The matches of {@code query} among the entries indexed. While the index holds {@code own} chain
   * alone, in trail order, from {@code offset}, at most {@code limit}; {@link Hits#skipped} of the
   * offset were passed over here, the rest is for the entries after {@link Hits#through}. With
   * other chains too, the first {@code offset + limit} in time order ({@link Hits#inTimeOrder}).
   */
  Hits search(AuditQuery query, FreeText text, int offset, int limit, AuditChain own) {
    IndexSearcher searcher = acquire();
    try {
      IndexReader reader = searcher.getIndexReader();
      Map<String, Long> through = AuditIndexHeads.through(reader);
      boolean inTimeOrder = through.keySet().stream().anyMatch(c -> !c.equals(own.name()));
      if (through.isEmpty() || limit <= 0) {
        return new Hits(through, List.of(), 0, inTimeOrder);
      }
      Query lucene = searcher.rewrite(AuditLuceneQuery.of(query, text));
      List<LeafReaderContext> leaves = inTimeOrder ? null : inTrailOrder(reader.leaves());
      Page page =
          inTimeOrder
              ? sorted(searcher, lucene, 0, Math.addExact(offset, limit), AuditDocuments.TIME_ORDER)
              : leaves == null
                  ? sorted(searcher, lucene, offset, limit, AuditDocuments.TRAIL_ORDER)
                  : walked(searcher, lucene, leaves, offset, limit);
      StoredFields stored = searcher.storedFields();
      List<AuditEntry> found = new ArrayList<>(page.docs().size());
      for (int doc : page.docs()) {
        String json = stored.document(doc, Set.of(AuditDocuments.JSON)).get(AuditDocuments.JSON);
        found.add(ChainLine.JSON.readValue(json, AuditEntry.class));
      }
      return new Hits(through, found, page.skipped(), inTimeOrder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot search the audit index", e);
    } finally {
      release(searcher);
    }
  }

  /** The last entry of {@code chain} searches find in the index; 0 for none. */
  long through(AuditChain chain) {
    IndexSearcher searcher = acquire();
    try {
      return AuditIndexHeads.through(searcher.getIndexReader()).getOrDefault(chain.name(), 0L);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the audit index", e);
    } finally {
      release(searcher);
    }
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

  /**
   * Should segments ever overlap in sequence numbers: a sort, slower but as exact. And the order of
   * several chains, by time, which no index order gives.
   */
  private static Page sorted(IndexSearcher searcher, Query query, int offset, int limit, Sort sort)
      throws IOException {
    ScoreDoc[] hits = searcher.search(query, Math.addExact(offset, limit), sort).scoreDocs;
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

  @Override
  public synchronized void destroy() throws IOException {
    searchers.close();
    commit(writer);
    writer.close();
    directory.close();
  }
}
