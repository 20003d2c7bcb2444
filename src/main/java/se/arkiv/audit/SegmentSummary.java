package se.arkiv.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
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
      for (int slot : slots(entry.target())) {
        targets.set(slot);
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
      for (int slot : slots(query.target())) {
        if (!targets.get(slot)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The filter's bits for one target: double hashing from two hashes computed once. */
  private static int[] slots(String target) {
    int h1 = Arrays.hashCode(target.getBytes(StandardCharsets.UTF_8));
    int h2 = target.hashCode() * 0x9E3779B9 + 0x7F4A7C15;
    int[] slots = new int[HASHES];
    for (int i = 0; i < HASHES; i++) {
      slots[i] = Math.floorMod(h1 + i * (h2 | 1), BITS);
    }
    return slots;
  }
}
