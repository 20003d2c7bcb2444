package se.arkiv.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.arkiv.retention.RecordDestroyed;

/**
 * How far a run that is executing has come, for the progress bar: the records it destroyed so far,
 * counted from the published {@link RecordDestroyed} events. A run resumed after a restart counts
 * from zero again; its end (the outcomes) is exact either way.
 */
@Component
class DispositionProgress {

  private final Map<String, AtomicLong> destroyed = new ConcurrentHashMap<>();

  @EventListener
  void on(RecordDestroyed event) {
    if (event.runId() != null) {
      destroyed.computeIfAbsent(event.runId(), id -> new AtomicLong()).incrementAndGet();
    }
  }

  long destroyedSoFar(String runId) {
    AtomicLong count = destroyed.get(runId);
    return count == null ? 0 : count.get();
  }
}
