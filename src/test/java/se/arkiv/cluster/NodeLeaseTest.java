package se.arkiv.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import se.arkiv.cluster.LeaseStore.Lease;

class NodeLeaseTest {

  private static final Duration TTL = Duration.ofSeconds(30);

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final SharedLease store = new SharedLease();
  private final List<Object> events = new ArrayList<>();

  private NodeLease node(String name) {
    return new NodeLease(name, TTL, store, events::add, Runnable::run, nanos::get);
  }

  private void pass(Duration time) {
    nanos.addAndGet(time.toNanos());
  }

  @Test
  void theFirstNodeToReadAnEmptyStoreLeadsAndTheSecondDoesNot() {
    NodeLease a = node("a");
    NodeLease b = node("b");

    a.tick();
    b.tick();

    assertThat(a.leads()).isTrue();
    assertThat(b.leads()).isFalse();
    assertThat(events).containsExactly(new LeadershipGained("a", 1));
  }

  @Test
  void aHolderThatRenewsKeepsTheLeaseForAsLongAsItRuns() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    for (int i = 0; i < 30; i++) {
      pass(a.interval());
      a.tick();
      b.tick();
    }

    assertThat(a.leads()).isTrue();
    assertThat(b.leads()).isFalse();
    assertThat(store.lease.term()).isEqualTo(1);
  }

  @Test
  void anotherNodeTakesOverOnlyAfterALeaseTimeWithoutRenewal() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    b.tick();

    pass(TTL.minusSeconds(1));
    b.tick();
    assertThat(b.leads()).as("a ttl has not passed since b first saw the lease").isFalse();

    pass(Duration.ofSeconds(1));
    b.tick();
    assertThat(b.leads()).isTrue();
    assertThat(store.lease).isEqualTo(new Lease("b", 2, store.lease.version()));
    assertThat(events).endsWith(new LeadershipGained("b", 2));
  }

  @Test
  void whatANodeLastReadNamesItselfAndItsTermAsSoonAsItLeads() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    assertThat(a.lastRead()).map(Lease::holder).contains("a");
    b.tick();

    pass(TTL);
    b.tick();

    assertThat(b.leads()).isTrue();
    assertThat(b.lastRead()).map(Lease::holder).contains("b");
    assertThat(b.lastRead()).map(Lease::term).contains(2L);
  }

  @Test
  void aHolderThatCannotRenewStopsLeadingBeforeAnyOtherNodeCanTakeOver() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    b.tick();
    store.down = true;

    pass(TTL.multipliedBy(4).dividedBy(5).minusMillis(1));
    a.tick();
    assertThat(a.leads()).isTrue();
    pass(Duration.ofMillis(2));
    assertThat(a.leads()).as("past the holder's bound: a ttl less its margin").isFalse();

    store.down = false;
    pass(TTL.dividedBy(5));
    b.tick();
    assertThat(b.leads()).isTrue();
  }

  @Test
  void aHolderThatCouldNotRenewForAWhileLeadsAgainWithItsTermWhenItCanBeforeAnyTakeOver() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    b.tick();
    store.down = true;
    pass(TTL.multipliedBy(4).dividedBy(5));
    a.tick();
    assertThat(a.leads()).isFalse();

    store.down = false;
    pass(a.interval());
    a.tick();
    pass(TTL.dividedBy(2));
    b.tick();

    assertThat(a.leads()).isTrue();
    assertThat(b.leads()).as("the renewal changed the version b watches").isFalse();
    assertThat(store.lease.term()).isEqualTo(1);
    assertThat(events).containsExactly(new LeadershipGained("a", 1), new LeadershipGained("a", 1));
  }

  @Test
  void aRenewalSentAgainAfterItsFirstAttemptLandedKeepsTheLease() {
    NodeLease a = node("a");
    a.tick();
    pass(a.interval());
    // The client lost the first attempt's answer and sent the write again: it meets its own write.
    Lease seen = store.read().orElseThrow();
    store.beforeNextReplace = () -> store.replace(seen, new Lease("a", 1, null));

    a.tick();

    assertThat(a.leads()).isTrue();
    assertThat(store.lease.version()).isNotEqualTo(seen.version());
    assertThat(store.lease.term()).isEqualTo(1);
  }

  @Test
  void aNodeRestartedUnderTheSameNameWaitsALeaseTimeForTheLeaseItsFormerProcessHeld() {
    node("a").tick();
    NodeLease restarted = node("a");

    restarted.tick();
    assertThat(restarted.leads()).isFalse();

    pass(TTL);
    restarted.tick();
    assertThat(restarted.leads()).isTrue();
    assertThat(store.lease.term()).isEqualTo(2);
  }

  @Test
  void aWatcherCountsALeaseTimeFromWhenItSawARenewalNotFromWhenItsSlowReadBegan() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    b.tick();
    pass(a.interval());
    // b's read takes half a lease time, and a renews while it is under way.
    store.duringNextRead =
        () -> {
          pass(TTL.dividedBy(2));
          a.tick();
        };
    b.tick();

    pass(TTL.dividedBy(2).plusSeconds(1));
    b.tick();

    assertThat(a.leads()).as("a renewed a lease time less its margin ago").isTrue();
    assertThat(b.leads()).isFalse();
    assertThat(store.lease.holder()).isEqualTo("a");
  }

  @Test
  void aTakeOverWhoseAnswerWasLostLeadsAllTheSame() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    b.tick();
    pass(TTL);
    store.loseNextAnswer = true;

    b.tick();

    assertThat(b.leads()).isTrue();
    assertThat(store.lease).isEqualTo(new Lease("b", 2, store.lease.version()));
    assertThat(events).endsWith(new LeadershipGained("b", 2));
  }

  @Test
  void aHolderThatStoppedLeadingStillGivesItsLeaseUpAtShutdown() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    pass(a.interval());
    a.tick();
    b.tick(); // b sees the renewal: it would wait a lease time from here
    store.down = true;
    pass(TTL.multipliedBy(4).dividedBy(5));
    a.tick();
    assertThat(a.leads()).isFalse();
    store.down = false;

    a.release();
    b.tick();

    assertThat(b.leads()).as("given up: no lease time to wait").isTrue();
    assertThat(store.lease.term()).isEqualTo(2);
  }

  @Test
  void aHolderThatFindsItsLeaseTakenStopsLeadingAtItsNextRead() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    b.tick();
    pass(TTL);
    b.tick(); // a stalled (a long pause) and b took over

    a.tick();

    assertThat(a.leads()).isFalse();
    assertThat(b.leads()).isTrue();
  }

  @Test
  void ofTwoNodesTakingOverFromTheSameLeaseOnlyOneWins() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    NodeLease c = node("c");
    a.tick();
    b.tick();
    c.tick();
    pass(TTL);
    Lease seen = store.read().orElseThrow();
    store.beforeNextReplace = () -> store.replace(seen, new Lease("c", 2, null));

    b.tick();
    c.tick();

    assertThat(b.leads()).isFalse();
    assertThat(c.leads()).isFalse(); // c's own take-over was the racing write, not its tick
    assertThat(store.lease.holder()).isEqualTo("c");
  }

  @Test
  void aLeaseGivenUpAtShutdownIsTakenAtTheNextReadWithoutWaiting() {
    NodeLease a = node("a");
    NodeLease b = node("b");
    a.tick();
    b.tick();

    a.release();
    pass(a.interval());
    b.tick();

    assertThat(a.leads()).isFalse();
    assertThat(b.leads()).isTrue();
    assertThat(store.lease.term()).isEqualTo(2);
  }

  /** A compare-and-set register, as the OpenSearch adapter gives one. */
  private static final class SharedLease implements LeaseStore {
    Lease lease;
    long writes;
    boolean down;
    Runnable beforeNextReplace;
    Runnable duringNextRead;
    boolean loseNextAnswer;

    @Override
    public synchronized Optional<Lease> read() {
      check();
      if (duringNextRead != null) {
        Runnable meanwhile = duringNextRead;
        duringNextRead = null;
        meanwhile.run();
      }
      return Optional.ofNullable(lease);
    }

    @Override
    public synchronized boolean create(Lease first) {
      check();
      if (lease != null) {
        return false;
      }
      lease = new Lease(first.holder(), first.term(), String.valueOf(++writes));
      return true;
    }

    @Override
    public synchronized boolean replace(Lease seen, Lease next) {
      check();
      if (beforeNextReplace != null) {
        Runnable racing = beforeNextReplace;
        beforeNextReplace = null;
        racing.run();
      }
      if (lease == null || !lease.version().equals(seen.version())) {
        return false;
      }
      lease = new Lease(next.holder(), next.term(), String.valueOf(++writes));
      if (loseNextAnswer) {
        // Written, but the answer was lost and the client's second attempt met the first.
        loseNextAnswer = false;
        return false;
      }
      return true;
    }

    private void check() {
      if (down) {
        throw new IllegalStateException("the lease store does not answer");
      }
    }

    @Override
    public String describe() {
      return "memory";
    }
  }
}
