package se.arkiv.cluster;

/**
 * Whether this node is the one, among all nodes on the store, that does the work that must happen
 * once: disposition execution, the scheduled runs, lock renewal, the store-wide sweeps. Ask just
 * before each step of such work, not once for a whole run: leadership can move while it runs.
 */
public interface Leadership {

  /** True while this node holds the lease and may do once-only work. */
  boolean leads();

  /** This node's name, or empty for the only node. */
  String node();
}
