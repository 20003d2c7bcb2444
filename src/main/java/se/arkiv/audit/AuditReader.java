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
    AuditIndex.Hits indexed = index.search(query, text, offset, limit);
    Page page = new Page(query, text, offset - indexed.skipped(), limit);
    page.found.addAll(indexed.found());
    if (page.full()) {
      return page.found;
    }
    long after = indexed.through();
    TrailSnapshot snapshot = writer.snapshotAfter(after);
    for (String key : snapshot.sealed()) {
      if (page.full()) {
        return page.found;
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
    return page.found;
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
