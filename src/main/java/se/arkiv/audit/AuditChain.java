package se.arkiv.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.arkiv.storage.ObjectStore;

/**
 * One hash chain of the trail and where its objects live: the only node's (no {@code
 * arkiv.node.id}, the layout of a single machine, {@code audit/segments/} and {@code
 * audit/checkpoints/}) or node X's ({@code audit/nodes/X/segments/}, {@code
 * audit/nodes/X/checkpoints/}). Each node writes its own chain, numbered from 1, so nodes sharing a
 * store never write the same key. This is the one place that knows the layout.
 *
 * @param node the node's name, or null for the chain of the only node (the legacy chain)
 */
record AuditChain(String node) {

  static final AuditChain LEGACY = new AuditChain(null);

  /** The legacy chain's name among the witnessed heads of a checkpoint: no node is named "-". */
  static final String LEGACY_NAME = "-";

  private static final String AUDIT = "audit/";
  private static final String NODES = AUDIT + "nodes/";

  static AuditChain of(Optional<String> node) {
    return new AuditChain(node.orElse(null));
  }

  /** The chain a name of {@link #name()} stands for. */
  static AuditChain named(String name) {
    return LEGACY_NAME.equals(name) ? LEGACY : new AuditChain(name);
  }

  /** The chain a segment or checkpoint key belongs to. */
  static AuditChain ofKey(String key) {
    if (!key.startsWith(NODES)) {
      return LEGACY;
    }
    return new AuditChain(key.substring(NODES.length(), key.indexOf('/', NODES.length())));
  }

  /** Its name as a checkpoint's {@code witnessed} and the verify answer's {@code node} say it. */
  String name() {
    return node == null ? LEGACY_NAME : node;
  }

  String segments() {
    return prefix() + "segments/";
  }

  String checkpoints() {
    return prefix() + "checkpoints/";
  }

  String sealedKey(long first, long last) {
    return segments() + number(first) + "-" + number(last) + ".log";
  }

  String checkpointKey(long last) {
    return checkpoints() + number(last) + ".json";
  }

  /** How a reason names it: nothing for the legacy chain, as before there were several. */
  String inReason(String reason) {
    return node == null ? reason : "node " + node + "'s chain: " + reason;
  }

  private String prefix() {
    return node == null ? AUDIT : NODES + node + "/";
  }

  /**
   * Every chain in the store: the legacy one when it holds anything, then each node's, by name. Two
   * or three listings: cheap next to reading the segments.
   */
  static List<AuditChain> all(ObjectStore store) {
    List<AuditChain> chains = new ArrayList<>();
    if (store.list(LEGACY.segments()).findAny().isPresent()
        || store.list(LEGACY.checkpoints()).findAny().isPresent()) {
      chains.add(LEGACY);
    }
    store
        .list(NODES)
        .filter(key -> key.endsWith("/"))
        .map(key -> new AuditChain(key.substring(NODES.length(), key.length() - 1)))
        .forEach(chains::add);
    return chains;
  }

  /** Names in keys have twelve digits, so that keys sort in trail order. */
  private static String number(long seq) {
    return String.format("%012d", seq);
  }
}
