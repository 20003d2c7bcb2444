package se.arkiv.cluster;

import java.util.Optional;

/**
 * Where the nodes keep their one lease, with compare-and-set: the guarantee that two nodes never
 * both win a write from the same state is the store's, and the whole lease rests on it. Adapters
 * live beside the store that gives it (the OpenSearch cluster's optimistic concurrency).
 */
public interface LeaseStore {

  /** The lease as stored now; empty when no node ever took it. */
  Optional<Lease> read();

  /** Writes the first lease; false when another node wrote one first. */
  boolean create(Lease lease);

  /**
   * Replaces {@code seen} (as {@link #read} gave it, its {@code version} included) with {@code
   * next}; false when the lease changed since it was read.
   */
  boolean replace(Lease seen, Lease next);

  /** Where the lease is kept, for health and logs. */
  String describe();

  /**
   * The lease: who holds it, the how-manieth holder that is, and the store's version of it (opaque,
   * null for one not written yet). A holder renews by writing the same holder and term again, which
   * changes the version: a lease whose version stops changing is a lease nobody renews.
   */
  record Lease(String holder, long term, String version) {}
}
