package se.arkiv.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Finds entries, a page at a time: first in the {@link AuditIndex}, which holds the trail up to
 * some entry, then by reading what comes after it, as the trail stands. Of those, sealed segments
 * whose summary rules out a match are not read, and reading stops once the page is full.
 *
 * <p>With other nodes' chains in the index, the order is by time, then node, then sequence number
 * ({@link AuditDocuments#TIME_ORDER}), which no chain's order gives: the index answers the first
 * {@code offset + limit} matches in that order, this node's entries after the index are read in
 * full, and the two are merged. The other chains are read from the index alone, which takes in
 * their seals at least every seal interval ({@link AuditIndexCatchUp}).
 */
@Component
class AuditReader {

  private final AuditSegmentWriter writer;
  private final SegmentFiles files;
  private final AuditIndex index;
  // Summaries of sealed segments, made when a search first reads each one.
  private final Map<String, SegmentSummary> summaries = new ConcurrentHashMap<>();

  AuditReader(AuditSegmentWriter writer, SegmentFiles files, AuditIndex index) {
    this.writer = writer;
    this.files = files;
    this.index = index;
  }

  /**
   * Entries that match {@code query}, in order, from {@code offset}, at most {@code limit}.
   *
   * @throws InvalidAuditQuery when the free text is malformed
   */
  List<AuditEntry> find(AuditQuery query, int offset, int limit) {
    FreeText text = query.text() == null ? null : FreeText.parse(query.text());
    // The index first, then the snapshot: whatever the index reached is sealed, and the snapshot,
    // taken after, holds every sealed entry, so nothing falls between the two or is read twice.
    AuditIndex.Hits indexed = index.search(query, text, offset, limit, writer.chain());
    long after = indexed.through(writer.chain());
    if (indexed.inTimeOrder()) {
      Page rest = new Page(query, text, 0, Integer.MAX_VALUE);
      readAfter(after, rest);
      List<AuditEntry> merged = new ArrayList<>(indexed.found());
      merged.addAll(rest.found);
      merged.sort(AuditDocuments.IN_TIME_ORDER);
      int from = Math.min(offset, merged.size());
      return List.copyOf(merged.subList(from, from + Math.min(limit, merged.size() - from)));
    }
    Page page = new Page(query, text, offset - indexed.skipped(), limit);
    page.found.addAll(indexed.found());
    readAfter(after, page);
    return page.found;
  }

  /** Offers the page this node's entries after entry {@code after}, until it is full. */
  private void readAfter(long after, Page page) {
    if (page.full()) {
      return;
    }
    AuditQuery query = page.query;
    TrailSnapshot snapshot = writer.snapshotAfter(after);
    for (String key : snapshot.sealed()) {
      if (page.full()) {
        return;
      }
      if (SegmentFiles.lastSeqOf(key) <= after) {
        continue;
      }
      SegmentSummary summary = summaries.get(key);
      if (summary != null && !summary.mayMatch(query)) {
        continue;
      }
      SegmentSummary made = summary == null ? new SegmentSummary() : null;
      files.readSealed(
          key,
          line -> {
            AuditEntry entry = ChainLine.entry(line);
            if (entry != null) {
              if (made != null) {
                made.add(entry);
              }
              if (entry.seq() > after) {
                page.offer(entry);
              }
            }
          });
      if (made != null) {
        summaries.put(key, made);
      }
    }
    for (String line : snapshot.local()) {
      AuditEntry entry = ChainLine.entry(line);
      if (entry != null && entry.seq() > after) {
        page.offer(entry);
      }
    }
  }

  /** The matches from the offset on, until the limit. */
  private static final class Page {

    private final AuditQuery query;
    private final FreeText text;
    private final int offset;
    private final int limit;
    private final List<AuditEntry> found = new ArrayList<>();
    private int skipped;

    Page(AuditQuery query, FreeText text, int offset, int limit) {
      this.query = query;
      this.text = text;
      this.offset = offset;
      this.limit = limit;
    }

    boolean full() {
      return found.size() >= limit;
    }

    void offer(AuditEntry entry) {
      if (!full() && query.matches(entry) && (text == null || text.matches(entry))) {
        if (skipped < offset) {
          skipped++;
        } else {
          found.add(entry);
        }
      }
    }
  }
}
