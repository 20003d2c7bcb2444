package se.arkiv.audit;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;

/**
 * How far the audit index holds each chain: in its commit data (where indexing goes on from) and as
 * a searcher sees it (where reading the trail must begin). The only node's chain keeps the keys it
 * always had, {@code arkiv.audit.through} and {@code arkiv.audit.head}; node X's are those keys
 * with {@code .X} added.
 */
final class AuditIndexHeads {

  private static final String THROUGH_KEY = "arkiv.audit.through";
  private static final String HEAD_KEY = "arkiv.audit.head";

  private AuditIndexHeads() {}

  static Map<String, AuditIndex.Head> read(Map<String, String> data) {
    Map<String, AuditIndex.Head> heads = new TreeMap<>();
    data.forEach(
        (key, value) -> {
          if (key.equals(THROUGH_KEY) || key.startsWith(THROUGH_KEY + ".")) {
            String suffix = key.substring(THROUGH_KEY.length());
            String chain = suffix.isEmpty() ? AuditChain.LEGACY_NAME : suffix.substring(1);
            heads.put(
                chain,
                new AuditIndex.Head(
                    Long.parseLong(value),
                    data.getOrDefault(HEAD_KEY + suffix, ChainLine.GENESIS)));
          }
        });
    return heads;
  }

  static Map<String, String> write(Map<String, AuditIndex.Head> heads) {
    Map<String, String> data = new HashMap<>();
    heads.forEach(
        (chain, head) -> {
          String suffix = chain.equals(AuditChain.LEGACY_NAME) ? "" : "." + chain;
          data.put(THROUGH_KEY + suffix, Long.toString(head.seq()));
          data.put(HEAD_KEY + suffix, head.hash());
        });
    return data;
  }

  /**
   * What a searcher sees of each chain is a prefix of it (entries are added in order by one
   * thread), so the largest sequence number of each chain's own field says where reading that chain
   * must begin.
   */
  static Map<String, Long> through(IndexReader reader) throws IOException {
    Map<String, Long> through = new TreeMap<>();
    String prefix = AuditDocuments.SEQ + AuditDocuments.CHAIN_SEQ;
    for (LeafReaderContext leaf : reader.leaves()) {
      for (FieldInfo field : leaf.reader().getFieldInfos()) {
        if (field.name.startsWith(prefix)) {
          String chain = field.name.substring(prefix.length());
          if (!through.containsKey(chain)) {
            byte[] max = PointValues.getMaxPackedValue(reader, field.name);
            if (max != null) {
              through.put(chain, LongPoint.decodeDimension(max, 0));
            }
          }
        }
      }
    }
    return through;
  }
}
