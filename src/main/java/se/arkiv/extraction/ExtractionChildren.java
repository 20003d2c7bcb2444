package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import se.arkiv.storage.StorageSettings;

/**
 * The extraction child processes: started when there is work, one per extraction worker at most,
 * reused record after record, replaced when one dies, and stopped after a while without work so
 * that an idle service holds no parser heaps.
 */
@Component
public class ExtractionChildren implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ExtractionChildren.class);
  private static final Duration IDLE_LIMIT = Duration.ofMinutes(5);
  private static final Duration WATCHDOG_MARGIN = Duration.ofSeconds(10);

  private final ExtractionSettings settings;
  private final ChildProtocol protocol = new ChildProtocol();
  private final ChildCommand command;
  private final String settingsLine;
  private final BlockingDeque<ExtractionChild> idle = new LinkedBlockingDeque<>();
  private final Set<ExtractionChild> all = ConcurrentHashMap.newKeySet();
  // Its own scheduler: a watchdog must fire on time even while a long @Scheduled job runs.
  private final ThreadPoolTaskScheduler watchdog = new ThreadPoolTaskScheduler();
  private volatile String lastStartFailure;
  private volatile boolean closed;
  // Children alive or starting: never more than there are workers.
  private final AtomicInteger processes = new AtomicInteger();

  ExtractionChildren(ExtractionSettings settings, StorageSettings storage) throws IOException {
    this.settings = settings;
    // Tika's own temporary files go to the spool, which is emptied at every start.
    Path tmp = Files.createDirectories(storage.spoolDir());
    this.command = ChildCommand.of(settings, tmp);
    this.settingsLine = protocol.settings(settings);
    watchdog.setThreadNamePrefix("extraction-watchdog-");
    // Kills and start timeouts must never wait behind each other or behind a prestart.
    watchdog.setPoolSize(4);
    watchdog.setDaemon(true);
    watchdog.initialize();
  }

  /** An idle child, or a new one while fewer than the workers run; else waits for one. */
  ExtractionChild borrow() {
    while (true) {
      if (closed) {
        throw new CancellationException("the service is stopping");
      }
      ExtractionChild child = idle.pollFirst();
      if (child != null) {
        if (child.reusable()) {
          return child;
        }
        discard(child);
        continue;
      }
      if (reserveStart()) {
        return started();
      }
      try {
        child = idle.pollFirst(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("stopping");
      }
      if (child != null) {
        idle.addFirst(child);
      }
    }
  }

  private boolean reserveStart() {
    int now;
    do {
      now = processes.get();
      if (now >= settings.threads()) {
        return false;
      }
    } while (!processes.compareAndSet(now, now + 1));
    return true;
  }

  private ExtractionChild started() {
    ExtractionChild child = null;
    try {
      child = ExtractionChild.start(command, settingsLine, protocol, watchdog);
    } catch (IOException | RuntimeException e) {
      lastStartFailure = e.getMessage();
      throw new ExtractionUnavailable(
          "No extraction child process could be started: " + e.getMessage(), e);
    } finally {
      if (child == null) {
        processes.decrementAndGet();
      }
    }
    lastStartFailure = null;
    all.add(child);
    log.info("Extraction child {} started ({} running)", child.pid(), all.size());
    return child;
  }

  /**
   * One child is started as soon as the service is ready, so that the first filing does not wait
   * for a JVM and Tika to start (seconds on a busy machine).
   */
  @EventListener(ApplicationReadyEvent.class)
  void startOne() {
    watchdog.execute(
        () -> {
          try {
            if (reserveStart()) {
              release(started());
            }
          } catch (ExtractionUnavailable e) {
            log.error("{}; records wait, pending, until one starts", e.getMessage());
          }
        });
  }

  void release(ExtractionChild child) {
    if (child.reusable()) {
      idle.addFirst(child);
    } else {
      discard(child);
    }
  }

  void discard(ExtractionChild child) {
    if (all.remove(child)) {
      processes.decrementAndGet();
    }
    child.close();
  }

  /** Child processes alive now. */
  public int running() {
    return all.size();
  }

  /** Why the last child could not be started, or null when the last start worked. */
  public String lastStartFailure() {
    return lastStartFailure;
  }

  /**
   * How long the watchdog waits for a child's answer: past the timeout the child enforces itself,
   * so that only a child that cannot answer at all (a native hang, a JVM thrashing in GC) is
   * stopped.
   */
  Duration watchdogTimeout() {
    return settings.timeout().plus(WATCHDOG_MARGIN);
  }

  /** Children unused for a while are stopped: the least recently used wait at the end. */
  @Scheduled(fixedDelay = 60_000)
  void stopIdle() {
    ExtractionChild child;
    while ((child = idle.peekLast()) != null && child.idle().compareTo(IDLE_LIMIT) > 0) {
      if (idle.removeLastOccurrence(child)) {
        discard(child);
      }
    }
  }

  /** Whether the service is stopping: a child that ends now was stopped, not killed by a file. */
  boolean closed() {
    return closed;
  }

  @Override
  public void destroy() {
    closed = true;
    all.forEach(ExtractionChild::close);
    all.clear();
    processes.set(0);
    watchdog.shutdown();
  }
}
