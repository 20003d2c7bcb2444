package se.arkiv.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * What a sealed segment holds, in brief: its time span, actors and actions, and a Bloom filter of
 * its targets. A search skips every segment that cannot hold a match, so a record's history reads
 * the few segments that speak of it, not the whole trail. Sealed segments never change, so a
 * summary is made once; it only ever says "maybe" or "no", and "no" is always right for the segment
 * as it was read.
 */
final class SegmentSummary {

  private static final int BITS = 1 << 13;
  private static final int HASHES = 3;

  private Instant first;
  private Instant last;
  private final Set<String> actors = new HashSet<>();
  private final Set<String> actions = new HashSet<>();
  private final BitSet targets = new BitSet(BITS);

  void add(AuditEntry entry) {
    if (first == null || entry.time().isBefore(first)) {
      first = entry.time();
    }
    if (last == null || entry.time().isAfter(last)) {
      last = entry.time();
    }
    actors.add(String.valueOf(entry.actor()));
    actions.add(String.valueOf(entry.action()));
    if (entry.target() != null) {
      for (int i = 0; i < HASHES; i++) {
        targets.set(slot(entry.target(), i));
      }
    }
  }

  boolean mayMatch(AuditQuery query) {
    if (first == null) {
      return false;
    }
    if (query.from() != null && last.isBefore(query.from())) {
      return false;
    }
    if (query.to() != null && !first.isBefore(query.to())) {
      return false;
    }
    if (query.actor() != null && !actors.contains(query.actor())) {
      return false;
    }
    if (query.action() != null && actions.stream().noneMatch(a -> a.startsWith(query.action()))) {
      return false;
    }
    if (query.target() != null) {
      for (int i = 0; i < HASHES; i++) {
        if (!targets.get(slot(query.target(), i))) {
          return false;
        }
      }
    }
    return true;
  }

  private static int slot(String target, int i) {
    byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
    int h1 = java.util.Arrays.hashCode(bytes);
    int h2 = target.hashCode() * 0x9E3779B9 + 0x7F4A7C15;
    return Math.floorMod(h1 + i * (h2 | 1), BITS);
  }
}
