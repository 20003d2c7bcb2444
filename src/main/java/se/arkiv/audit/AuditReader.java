package se.arkiv.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Finds entries, a page at a time. Sealed segments whose summary rules out a match are not read,
 * and reading stops once the page is full.
 */
@Component
class AuditReader {

  private final AuditSegmentWriter writer;
  private final SegmentFiles files;
  // Summaries of sealed segments, made when a search first reads each one.
  private final Map<String, SegmentSummary> summaries = new ConcurrentHashMap<>();

  AuditReader(AuditSegmentWriter writer, SegmentFiles files) {
    this.writer = writer;
    this.files = files;
  }

  /** Entries that match {@code query}, in order, from {@code offset}, at most {@code limit}. */
  List<AuditEntry> find(AuditQuery query, int offset, int limit) {
    TrailSnapshot snapshot = writer.snapshot();
    Page page = new Page(query, offset, limit);
    for (String key : snapshot.sealed()) {
      if (page.full()) {
        return page.found;
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
              page.offer(entry);
            }
          });
      if (made != null) {
        summaries.put(key, made);
      }
    }
    for (String line : snapshot.local()) {
      AuditEntry entry = ChainLine.entry(line);
      if (entry != null) {
        page.offer(entry);
      }
    }
    return page.found;
  }

  /** The matches from the offset on, until the limit. */
  private static final class Page {

    private final AuditQuery query;
    private final int offset;
    private final int limit;
    private final List<AuditEntry> found = new ArrayList<>();
    private int skipped;

    Page(AuditQuery query, int offset, int limit) {
      this.query = query;
      this.offset = offset;
      this.limit = limit;
    }

    boolean full() {
      return found.size() >= limit;
    }

    void offer(AuditEntry entry) {
      if (!full() && query.matches(entry)) {
        if (skipped < offset) {
          skipped++;
        } else {
          found.add(entry);
        }
      }
    }
  }
}
