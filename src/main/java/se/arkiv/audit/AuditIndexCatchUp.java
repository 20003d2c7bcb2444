package se.arkiv.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Brings the {@link AuditIndex} up to the last sealed segment, on a thread of its own: once the
 * service is ready (a whole trail after a rebuild takes minutes, and start-up does not wait for
 * it), then whenever a segment has been sealed. Sealed segments only, not entries as they are
 * appended: a sealed segment never changes, so the index never holds an entry that a failed fsync
 * took back, and indexing stays off the path of an acknowledged action. The local segment, at most
 * {@code segment-entries} entries, is scanned by {@link AuditReader}.
 */
@Component
class AuditIndexCatchUp implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditIndexCatchUp.class);

  /** Segments indexed between commits: a stop loses at most this much work. */
  private static final int COMMIT_EVERY = 100;

  private final AuditIndex index;
  private final SegmentFiles files;
  private final AuditSegmentWriter writer;
  private final TaskScheduler scheduler;
  private final Duration interval;
  private final Duration othersEvery;
  private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();
  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile boolean stopping;
  private boolean headChecked;
  private long sealsSeen = -1;
  private volatile long lastCatchUp = System.nanoTime();
  // The last problem said of each chain, so that it is said once, not at every attempt.
  private final Map<AuditChain, String> problems = new HashMap<>();

  AuditIndexCatchUp(
      AuditIndex index,
      SegmentFiles files,
      AuditSegmentWriter writer,
      TaskScheduler scheduler,
      AuditSettings settings) {
    this.index = index;
    this.files = files;
    this.writer = writer;
    this.scheduler = scheduler;
    this.interval = settings.indexInterval();
    this.othersEvery = settings.sealInterval();
    worker.setThreadNamePrefix("audit-index-");
    worker.setCorePoolSize(1);
    worker.setMaxPoolSize(1);
    worker.setWaitForTasksToCompleteOnShutdown(true);
    worker.setAwaitTerminationSeconds(30);
    worker.initialize();
  }

  @EventListener(ApplicationReadyEvent.class)
  void startWhenReady() {
    submit();
    scheduler.scheduleWithFixedDelay(
        this::submitWhenSealed, scheduler.getClock().instant().plus(interval), interval);
  }

  /**
   * Listing the store is not free (a request on S3): after this process has sealed more, and once
   * every seal interval for the other nodes' seals, which this process is not told about.
   */
  private void submitWhenSealed() {
    if (writer.seals() != sealsSeen || System.nanoTime() - lastCatchUp >= othersEvery.toNanos()) {
      submit();
    }
  }

  /** One catch-up waits at most; more requests while it waits are the same request. */
  private void submit() {
    if (!stopping && queued.compareAndSet(false, true)) {
      worker.execute(
          () -> {
            queued.set(false);
            catchUp();
          });
    }
  }

  /**
   * Indexes every sealed entry after the index's head of each chain in the store; on the worker
   * thread, or in a test.
   */
  synchronized void catchUp() {
    long seals = writer.seals();
    lastCatchUp = System.nanoTime();
    List<AuditChain> chains;
    try {
      chains = files.chains();
      if (!headChecked) {
        checkHeads(chains);
        headChecked = true;
      }
    } catch (RuntimeException e) {
      problem(files.chain(), e);
      return;
    }
    boolean done = true;
    for (AuditChain chain : chains) {
      // One chain that cannot be indexed (a bad line: verification says so) stops only itself.
      try {
        if (!stopping) {
          catchUp(chain, files.sealedKeys(chain));
          problems.remove(chain);
        }
      } catch (RuntimeException e) {
        problem(chain, e);
        done = false;
      }
    }
    if (done) {
      sealsSeen = seals;
    }
  }

  /**
   * Whatever is not indexed of this node's chain is scanned: searches stay right, only slower.
   * Another node's chain is searched as far as it is indexed.
   */
  private void problem(AuditChain chain, RuntimeException e) {
    String problem = e.toString();
    if (!problem.equals(problems.put(chain, problem))) {
      log.warn(
          "The audit index stops at entry {} of chain {}; {}: {}",
          index.committed(chain).seq(),
          chain.name(),
          chain.equals(files.chain())
              ? "later entries are scanned"
              : "later entries are not searched until they can be indexed",
          problem);
    }
    index.commit();
  }

  private void catchUp(AuditChain chain, List<String> keys) {
    long start = index.committed(chain).seq();
    long began = System.nanoTime();
    int segments = 0;
    for (String key : keys) {
      if (stopping) {
        break;
      }
      long through = index.committed(chain).seq();
      if (SegmentFiles.lastSeqOf(key) <= through) {
        continue;
      }
      files.readSealed(key, line -> add(chain, line, through));
      if (++segments % COMMIT_EVERY == 0) {
        index.commit();
        progress(chain, start, began);
      }
    }
    if (segments > 0) {
      index.commit();
      if (segments > COMMIT_EVERY && segments % COMMIT_EVERY != 0) {
        progress(chain, start, began);
      }
    }
  }

  private void add(AuditChain chain, String line, long through) {
    String[] parts = ChainLine.split(line);
    if (parts == null) {
      throw new IllegalStateException("a line of the trail is not an entry");
    }
    AuditEntry entry = ChainLine.JSON.readValue(parts[1], AuditEntry.class);
    if (entry.seq() > through) {
      index.add(chain, entry, parts[1], parts[0]);
    }
  }

  /**
   * An index of another trail (a data dir restored beside another store, a trail started afresh)
   * would answer with entries that are not in this one: the last entry it holds of each chain must
   * be that chain's, and a chain it holds must still be in the store.
   */
  private void checkHeads(List<AuditChain> chains) {
    for (String name : index.chains()) {
      AuditChain chain = AuditChain.named(name);
      AuditIndex.Head head = index.committed(chain);
      if (head.seq() > 0
          && !(chains.contains(chain) && head.hash().equals(hashOf(chain, head.seq())))) {
        log.warn(
            "The audit index ends at entry {} of chain {}, which is not this trail's; indexing the"
                + " trail again",
            head.seq(),
            chain.name());
        index.clear();
        return;
      }
    }
  }

  /** The hash of entry {@code seq} of the chain, or null when the store has none. */
  private String hashOf(AuditChain chain, long seq) {
    for (String key : files.sealedKeys(chain)) {
      if (SegmentFiles.firstSeqOf(key) <= seq && seq <= SegmentFiles.lastSeqOf(key)) {
        String[] found = new String[1];
        files.readSealed(
            key,
            line -> {
              String[] parts = ChainLine.split(line);
              if (parts != null && ChainLine.JSON.readTree(parts[1]).get("seq").asLong() == seq) {
                found[0] = parts[0];
              }
            });
        return found[0];
      }
    }
    return null;
  }

  private void progress(AuditChain chain, long start, long began) {
    long done = index.committed(chain).seq() - start;
    double seconds = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
    log.info(
        "Audit index at entry {} of chain {} ({} entries indexed, {} a second)",
        index.committed(chain).seq(),
        chain.name(),
        done,
        Math.round(done / seconds));
  }

  @Override
  public void destroy() {
    stopping = true;
    worker.shutdown();
  }
}
