package se.arkiv.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import se.arkiv.storage.ObjectStore;

/**
 * The part of the trail that proves what it says about some targets (records, say), for evidence
 * handed to someone without Arkiv: the whole sealed segments that hold an entry about one of them,
 * byte for byte, and the checkpoints a verifier checks them against. A segment's lines chain among
 * themselves; its first line's {@code prevHash} is the hash of the checkpoint before it, and its
 * last line's hash is its own checkpoint's, so each segment is checked on its own, without the rest
 * of the trail. With several nodes, each entry names its chain ({@link AuditEntry#node}), and its
 * segment and checkpoints are that chain's.
 */
@Component
public class AuditEvidence {

  private static final int PAGE = 500;

  private final AuditSegmentWriter writer;
  private final AuditReader reader;
  private final SegmentFiles files;
  private final ObjectStore store;

  AuditEvidence(
      AuditSegmentWriter writer, AuditReader reader, SegmentFiles files, ObjectStore store) {
    this.writer = writer;
    this.reader = reader;
    this.files = files;
    this.store = store;
  }

  /**
   * What proves the entries about these targets.
   *
   * @param segments keys of the sealed segments that hold them, in trail order
   * @param checkpoints keys of the checkpoints of those segments and of the segments before them
   * @param entries entries about the targets in those segments
   * @param unsealed entries about the targets not sealed yet (a seal was still waiting for a
   *     writer), and so not part of the evidence
   */
  public record Selection(
      List<String> segments, List<String> checkpoints, long entries, long unsealed) {}

  /**
   * Seals the trail so far, so that the entries about the targets are in the object store, and
   * finds the segments that hold them (through the audit index, not by reading the whole trail).
   */
  public Selection about(Collection<String> targets) {
    writer.seal();
    Map<AuditChain, List<String>> sealed = new HashMap<>();
    TreeSet<String> chosen = new TreeSet<>();
    long entries = 0;
    long unsealed = 0;
    for (String target : targets) {
      for (int offset = 0; ; offset += PAGE) {
        List<AuditEntry> page = reader.find(AuditQuery.target(target), offset, PAGE);
        for (AuditEntry entry : page) {
          String segment =
              segmentOf(
                  sealed.computeIfAbsent(new AuditChain(entry.node()), files::sealedKeys),
                  entry.seq());
          if (segment == null) {
            unsealed++;
          } else {
            chosen.add(segment);
            entries++;
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    TreeSet<String> checkpoints = new TreeSet<>();
    for (String segment : chosen) {
      AuditChain chain = AuditChain.ofKey(segment);
      long first = SegmentFiles.firstSeqOf(segment);
      if (first > 1) {
        checkpoints.add(chain.checkpointKey(first - 1));
      }
      checkpoints.add(chain.checkpointKey(SegmentFiles.lastSeqOf(segment)));
    }
    // A checkpoint whose write failed is missing; the chain itself is still evidence.
    checkpoints.removeIf(key -> store.stat(key).isEmpty());
    return new Selection(List.copyOf(chosen), new ArrayList<>(checkpoints), entries, unsealed);
  }

  /** A sealed segment or a checkpoint, exactly as stored. */
  public InputStream open(String key) {
    return store.get(key);
  }

  /** Writes the lines of a sealed segment about one of the targets, as stored, each with "\n". */
  public void linesAbout(String segment, Set<String> targets, Writer out) {
    files.readSealed(
        segment,
        line -> {
          AuditEntry entry = ChainLine.entry(line);
          if (entry != null && entry.target() != null && targets.contains(entry.target())) {
            try {
              out.write(line);
              out.write('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        });
  }

  /** The sealed segment that holds entry {@code seq}, or null while it is not sealed. */
  private static String segmentOf(List<String> sealed, long seq) {
    int low = SegmentFiles.firstEndingAfter(sealed, seq - 1);
    if (low < sealed.size() && SegmentFiles.firstSeqOf(sealed.get(low)) <= seq) {
      return sealed.get(low);
    }
    return null;
  }
}
