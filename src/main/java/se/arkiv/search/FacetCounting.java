package se.arkiv.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * The facet counts of a search, counted while its hits are collected, slice by slice beside the
 * other slices: each segment's values are counted by their ordinals there ({@link FacetOrdinals})
 * and named once at the segment's end. Lucene's {@code StringValueFacetCounts} counts after the
 * collection instead, on one thread per field, from a set of every hit's document number and an
 * ordinal map rebuilt after each refresh. The values are the same: the most frequent first, ties in
 * the order of their names, as Lucene orders them.
 */
final class FacetCounting
    implements CollectorManager<FacetCounting.SliceCounts, Map<String, Map<String, Long>>> {

  private final FacetOrdinals ordinals;
  private final List<String> fields;
  private final int values;

  /**
   * @param ordinals the facet fields' values by segment; the fields' doc values are of type sorted
   *     set (one value each, or several)
   * @param values how many values of each field to keep, the most frequent
   */
  FacetCounting(FacetOrdinals ordinals, int values) {
    this.ordinals = ordinals;
    this.fields = ordinals.fields();
    this.values = values;
  }

  @Override
  public SliceCounts newCollector() {
    return new SliceCounts(fields.size());
  }

  /** Each field's counts, in the order of {@code fields}, its values most frequent first. */
  @Override
  public Map<String, Map<String, Long>> reduce(Collection<SliceCounts> slices) {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (int f = 0; f < fields.size(); f++) {
      Map<String, Long> all = new HashMap<>();
      for (SliceCounts slice : slices) {
        slice.counts.get(f).forEach((label, count) -> all.merge(label, count, Long::sum));
      }
      Map<String, Long> top = new LinkedHashMap<>();
      all.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(values)
          .forEachOrdered(e -> top.put(e.getKey(), e.getValue()));
      facets.put(fields.get(f), top);
    }
    return facets;
  }

  /** One slice's counts, by value name, gathered segment by segment. */
  final class SliceCounts implements Collector {

    private final List<Map<String, Long>> counts = new ArrayList<>();

    private SliceCounts(int fieldCount) {
      for (int f = 0; f < fieldCount; f++) {
        counts.add(new HashMap<>());
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      int n = fields.size();
      FacetOrdinals.Segment segment = ordinals.of(context);
      byte[][] bytes = segment.bytes();
      short[][] shorts = segment.shorts();
      SortedSetDocValues[] many = new SortedSetDocValues[n];
      SortedDocValues[] one = new SortedDocValues[n];
      // By ordinal plus one where the segment's arrays hold the values (0: none), else by ordinal.
      int[][] byOrdinal = new int[n][];
      for (int f = 0; f < n; f++) {
        many[f] = DocValues.getSortedSet(context.reader(), fields.get(f));
        one[f] = DocValues.unwrapSingleton(many[f]);
        int held = bytes[f] != null || shorts[f] != null ? 1 : 0;
        byOrdinal[f] = new int[Math.toIntExact(many[f].getValueCount()) + held];
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          for (int f = 0; f < n; f++) {
            if (bytes[f] != null) {
              byOrdinal[f][bytes[f][doc] & 0xFF]++;
            } else if (shorts[f] != null) {
              byOrdinal[f][shorts[f][doc] & 0xFFFF]++;
            } else if (one[f] != null) {
              if (one[f].advanceExact(doc)) {
                byOrdinal[f][one[f].ordValue()]++;
              }
            } else if (many[f].advanceExact(doc)) {
              for (int i = 0; i < many[f].docValueCount(); i++) {
                byOrdinal[f][(int) many[f].nextOrd()]++;
              }
            }
          }
        }

        @Override
        public void finish() throws IOException {
          for (int f = 0; f < n; f++) {
            int held = bytes[f] != null || shorts[f] != null ? 1 : 0;
            for (int i = held; i < byOrdinal[f].length; i++) {
              if (byOrdinal[f][i] > 0) {
                counts
                    .get(f)
                    .merge(
                        many[f].lookupOrd(i - held).utf8ToString(),
                        (long) byOrdinal[f][i],
                        Long::sum);
              }
            }
          }
        }
      };
    }
  }
}
