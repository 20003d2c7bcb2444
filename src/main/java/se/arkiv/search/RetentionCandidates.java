package se.arkiv.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.NodeSettings;
import se.arkiv.record.RecordId;
import se.arkiv.record.RetentionStart;

/**
 * Where disposition asks the index which records of a class may have reached the end of their
 * retention, so that it reads those from the store rather than every record. The index only
 * proposes: the caller re-checks each record against the store, and a record the index misses is
 * left for a later run, never destroyed on the index's word.
 */
@Component
public class RetentionCandidates {

  private final LuceneIndex index;
  private final IndexCatchUp catchUp;
  private final boolean oneOfSeveral;

  RetentionCandidates(LuceneIndex index, IndexCatchUp catchUp, NodeSettings node) {
    this.index = index;
    this.catchUp = catchUp;
    this.oneOfSeveral = node.nodeId().isPresent();
  }

  /**
   * The ids, in order, of the records of {@code recordClass} whose {@link RetentionStart#earliest}
   * is on or before {@code latestStart} (whatever it is, when null); empty when the index may not
   * hold every record yet (not compared with the whole store since start-up, or a record failed to
   * index since), and only a walk of the store finds them all.
   */
  public Optional<List<RecordId>> ofClass(String recordClass, LocalDate latestStart) {
    // The embedded index of a node of several knows only what this node filed since it started.
    if (oneOfSeveral || !catchUp.caughtUp()) {
      return Optional.empty();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(
        new TermQuery(new Term(IndexFields.RECORD_CLASS, recordClass)), BooleanClause.Occur.FILTER);
    if (latestStart != null) {
      query.add(
          LongPoint.newRangeQuery(
              IndexFields.RETENTION_FROM, Long.MIN_VALUE, latestStart.toEpochDay()),
          BooleanClause.Occur.FILTER);
    }
    // Everything indexed so far, as the store announced it, is seen by this search.
    index.refreshNow();
    List<String> ids = idsMatching(query.build());
    ids.sort(Comparator.naturalOrder());
    return Optional.of(ids.stream().map(RecordId::of).toList());
  }

  private List<String> idsMatching(Query query) {
    List<String> found = new ArrayList<>();
    MatchingIds.collect(index, query, found);
    return found;
  }
}
