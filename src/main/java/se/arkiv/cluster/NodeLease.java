package se.arkiv.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import se.arkiv.cluster.LeaseStore.Lease;

/**
 * The lease of one node among several. Every third of the lease's time the node reads the lease:
 * the holder writes it again (a renewal), the others watch its version. A node takes the lease over
 * only when it has seen the same version for a whole lease time by its own monotonic clock, or the
 * holder gave it up, and only with a compare-and-set on the version it saw, so of several nodes at
 * most one wins.
 *
 * <p>Why this is safe without synchronised clocks: a renewal begun at {@code t} writes a version
 * that no other node can see before {@code t}, so none takes over before {@code t + ttl}; the
 * holder leads only until {@code t + ttl} less a fifth of it as a margin for clock rates. A holder
 * whose renewal fails, or finds someone else's lease, stops leading at once or at that bound,
 * whichever is first. What it cannot cover: a step of once-only work begun just before the bound
 * and stalled past it (a long GC pause). The work it guards is written to be resumable by another
 * node, so such a step is at worst done twice, never half done (see docs/operations.md).
 */
final class NodeLease implements Leadership, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeLease.class);

  private final String node;
  private final LeaseStore store;
  private final ApplicationEventPublisher events;
  private final Executor announcements;
  private final LongSupplier nanos;
  private final long ttl;
  private final long margin;

  private volatile boolean leading;
  private volatile long validUntil;
  private long term;
  private String seenVersion;
  private long seenSince;
  private volatile Lease last;

  /**
   * A thread of its own: on the shared scheduler a long sweep or lock renewal could hold a renewal
   * up past the lease's time.
   */
  private final ThreadPoolTaskScheduler ticks = new ThreadPoolTaskScheduler();

  NodeLease(
      String node,
      Duration ttl,
      LeaseStore store,
      ApplicationEventPublisher events,
      Executor announcements,
      LongSupplier nanos) {
    this.node = node;
    this.store = store;
    this.events = events;
    this.announcements = announcements;
    this.nanos = nanos;
    this.ttl = ttl.toNanos();
    this.margin = ttl.toNanos() / 5;
  }

  @Override
  public boolean leads() {
    return leading && nanos.getAsLong() - validUntil < 0;
  }

  @Override
  public String node() {
    return node;
  }

  /** The lease as last read: who holds it, for health. */
  Optional<Lease> lastRead() {
    return Optional.ofNullable(last);
  }

  /** How often {@link #tick} must run. */
  Duration interval() {
    return Duration.ofNanos(ttl / 3);
  }

  /** Starts reading the lease once the service is ready to do the work it brings. */
  @EventListener(ApplicationReadyEvent.class)
  void start() {
    ticks.setThreadNamePrefix("lease-");
    ticks.setPoolSize(1);
    ticks.initialize();
    ticks.scheduleWithFixedDelay(this::tick, interval());
  }

  /**
   * At shutdown, after the beans that ask {@link #leads} (they stop first, the disposition run's
   * record in progress finished), the lease is given up.
   */
  @Override
  public void close() {
    ticks.shutdown();
    release();
  }

  /** Reads the lease once, and renews, watches or takes it over. */
  synchronized void tick() {
    long now = nanos.getAsLong();
    try {
      Optional<Lease> stored = store.read();
      // After the read, not before: a renewal written while a slow read was under way must be
      // watched from when it was seen, or a take-over could come before that renewal's bound.
      long seenAt = nanos.getAsLong();
      if (stored.isEmpty()) {
        Lease first = new Lease(node, 1, null);
        if (store.create(first) || landed(first)) {
          last = first;
          gained(first.term(), now);
        }
        return;
      }
      Lease lease = stored.get();
      last = lease;
      if (own(lease)) {
        renew(lease, now);
        return;
      }
      if (leading) {
        lost("the lease is now " + holder(lease) + "'s (term " + lease.term() + ")");
      }
      if (!lease.version().equals(seenVersion)) {
        seenVersion = lease.version();
        seenSince = seenAt;
      }
      boolean givenUp = lease.holder().isEmpty();
      Lease taken = new Lease(node, lease.term() + 1, null);
      if ((givenUp || now - seenSince >= ttl) && (store.replace(lease, taken) || landed(taken))) {
        // What health shows from now on: not the lease read just before, whose holder is gone.
        last = taken;
        log.info(
            "Node {} takes the lease over from {} (term {}): {}",
            node,
            holder(lease),
            lease.term(),
            givenUp ? "given up" : "not renewed for " + Duration.ofNanos(ttl));
        gained(lease.term() + 1, now);
      }
    } catch (RuntimeException e) {
      log.warn("Node {} could not read or write the lease in {}", node, store.describe(), e);
      if (leading && now - validUntil >= 0) {
        lost("it could not renew in time");
      }
    }
  }

  /**
   * Whether the stored lease is the one this node wrote: its name with the term it took. Nobody
   * else writes that pair, since a take-over writes the next term; so it is this node's even when
   * it stopped leading (a renewal that failed), and renewing it with a compare-and-set is as safe
   * as a take-over.
   */
  private boolean own(Lease lease) {
    return term > 0 && names(lease, term);
  }

  private boolean names(Lease lease, long itsTerm) {
    return node.equals(lease.holder()) && lease.term() == itsTerm;
  }

  /**
   * Whether this node's write that was answered with a refusal landed all the same: the client sent
   * it again after losing the first attempt's answer, and the second attempt met the first. Only
   * this node writes its name with that term (two processes under one name are a misconfiguration),
   * so finding it means the write was this node's.
   */
  private boolean landed(Lease mine) {
    return store.read().filter(stored -> names(stored, mine.term())).isPresent();
  }

  /**
   * Writes this node's lease again; a holder that had stopped leading leads again with the same
   * term. A renewal refused because its first attempt landed (see {@link #landed}) is a renewal:
   * nobody else writes this node's name with its term, so only that attempt changed the version.
   */
  private void renew(Lease lease, long now) {
    Lease next = new Lease(node, term, null);
    boolean renewed = store.replace(lease, next) || landed(next);
    if (!renewed) {
      if (leading) {
        lost("its renewal lost a race");
      }
      return;
    }
    validUntil = now + ttl - margin;
    if (!leading) {
      leading = true;
      log.info("Node {} leads again (term {}): it renewed its own lease", node, term);
      LeadershipGained again = new LeadershipGained(node, term);
      announcements.execute(() -> events.publishEvent(again));
    }
  }

  /** Gives the lease up (at shutdown), so another node takes it at its next read, not in a ttl. */
  synchronized void release() {
    if (term == 0) {
      return; // never held it
    }
    // Also when it stopped leading: a lease still under its name would keep the others waiting.
    leading = false;
    try {
      Optional<Lease> mine = store.read().filter(this::own);
      if (mine.isPresent() && store.replace(mine.get(), new Lease("", term, null))) {
        log.info("Node {} gave the lease up (term {})", node, term);
      }
    } catch (RuntimeException e) {
      log.warn("Node {} could not give the lease up; it lapses in {}", node, Duration.ofNanos(ttl));
    }
  }

  private void gained(long newTerm, long now) {
    term = newTerm;
    validUntil = now + ttl - margin;
    leading = true;
    seenVersion = null;
    log.info("Node {} leads (term {}): it does the once-only work now", node, newTerm);
    // Not on the lease's thread: what the new leader starts (resuming runs) must not hold up the
    // next renewal.
    LeadershipGained gained = new LeadershipGained(node, newTerm);
    announcements.execute(() -> events.publishEvent(gained));
  }

  private void lost(String why) {
    leading = false;
    log.warn("Node {} no longer leads (term {}): {}", node, term, why);
  }

  private static String holder(Lease lease) {
    return lease.holder().isEmpty() ? "nobody" : lease.holder();
  }
}
