package se.arkiv.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * Each segment's facet values, one byte (or two) a document and field, read from the doc values
 * once per segment and kept while the segment lives. Counting a broad query's facets from doc
 * values cost about 50 ns of a thread a hit: five fields, each read through a call Java could not
 * inline, as each field's values are packed differently. At a million records that was 8.8 of a
 * frequent word's 9.5 ms of counting; from these arrays it is 2.5 (docs/benchmarks.md, broad
 * queries at a million records). A field of at most 254 values in a segment takes a byte a
 * document: 5 MB for the five fields at a million records. A field of more values than two bytes
 * hold, or with several values in a document, is counted from its doc values as before.
 */
final class FacetOrdinals {

  private final List<String> fields;
  private final Map<Object, Segment> bySegment = new ConcurrentHashMap<>();

  FacetOrdinals(List<String> fields) {
    this.fields = List.copyOf(fields);
  }

  List<String> fields() {
    return fields;
  }

  /**
   * One segment's values by field, in the order of {@link #fields()}: for each, either {@code
   * bytes} or {@code shorts} holds every document's ordinal plus one (0: no value), or neither, and
   * the field is counted from its doc values.
   */
  record Segment(byte[][] bytes, short[][] shorts) {}

  /** The values of a segment, read now if no search or warming has read them yet. */
  Segment of(LeafReaderContext leaf) throws IOException {
    LeafReader reader = leaf.reader();
    IndexReader.CacheHelper cache = reader.getCoreCacheHelper();
    if (cache == null) {
      return read(reader);
    }
    try {
      return bySegment.computeIfAbsent(
          cache.getKey(),
          key -> {
            cache.addClosedListener(bySegment::remove);
            try {
              return read(reader);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads the values of every segment of {@code reader} not read yet, so that searches do not: a
   * refresh calls it before a new searcher serves, and a merge before its segment replaces others.
   */
  void warm(IndexReader reader) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      of(leaf);
    }
  }

  /** As {@link #warm(IndexReader)}, for the one segment a merge made. */
  void warm(LeafReader merged) throws IOException {
    of(merged.getContext());
  }

  /** How many segments' values are held (for tests: closed segments let theirs go). */
  int segments() {
    return bySegment.size();
  }

  private Segment read(LeafReader reader) throws IOException {
    byte[][] bytes = new byte[fields.size()][];
    short[][] shorts = new short[fields.size()][];
    for (int f = 0; f < fields.size(); f++) {
      SortedDocValues one =
          DocValues.unwrapSingleton(DocValues.getSortedSet(reader, fields.get(f)));
      int values = one == null ? 0 : one.getValueCount();
      if (values == 0) {
        continue;
      } else if (values < 0xFF) {
        bytes[f] = new byte[reader.maxDoc()];
        for (int doc = one.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = one.nextDoc()) {
          bytes[f][doc] = (byte) (one.ordValue() + 1);
        }
      } else if (values < 0xFFFF) {
        shorts[f] = new short[reader.maxDoc()];
        for (int doc = one.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = one.nextDoc()) {
          shorts[f][doc] = (short) (one.ordValue() + 1);
        }
      }
    }
    return new Segment(bytes, shorts);
  }
}
