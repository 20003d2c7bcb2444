package se.arkiv.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RetentionRule;
import se.arkiv.storage.ObjectStore;

/**
 * Keeps the sealed trail locked in the store at least as long as any record it speaks of may be
 * kept: each segment and checkpoint is locked for the file plan's longest retention (its longest
 * maximum or minimum period, whichever is longer) plus a year, counted from now, and the locks are
 * rolled forward every month. A record waiting for an event may be kept indefinitely, so a fixed
 * lock at sealing would not do.
 */
@Component
class AuditLocks {

  private static final Logger log = LoggerFactory.getLogger(AuditLocks.class);

  private final ObjectStore store;
  private final Leadership leadership;
  private final Clock clock;
  private final FilePlan filePlan;

  AuditLocks(ObjectStore store, Clock clock, FilePlan filePlan, Leadership leadership) {
    this.store = store;
    this.leadership = leadership;
    this.clock = clock;
    this.filePlan = filePlan;
    // Said at every start: with COMPLIANCE locks no one can shorten what this sets.
    log.info(
        "Sealed audit segments are locked for {} (the file plan's longest + 1 year)", length());
  }

  static Period longestRetention(FilePlan filePlan) {
    Period longest = Period.ZERO;
    for (var recordClass : filePlan.classes()) {
      for (RetentionRule rule : recordClass.rules()) {
        for (Period period : Arrays.asList(rule.period(), rule.maximum())) {
          if (period != null && months(period) > months(longest)) {
            longest = period;
          }
        }
      }
    }
    return longest;
  }

  private static long months(Period period) {
    return period.toTotalMonths() + (period.getDays() > 0 ? 1 : 0);
  }

  /** Asked at every seal: a file-plan change that lengthens a class lengthens the next locks. */
  Period length() {
    return longestRetention(filePlan).plusYears(1);
  }

  /** The date a sealed object is locked until, from now. */
  Instant until() {
    return clock.instant().atOffset(ZoneOffset.UTC).plus(length()).toInstant();
  }

  /** Locks one sealed object; a failure is logged and made good by the next renewal. */
  void lock(String key) {
    try {
      store.extendRetention(key, until());
    } catch (RuntimeException e) {
      log.warn("Audit object {} keeps its first lock until the renewal: {}", key, e.toString());
    }
  }

  /**
   * Rolls every sealed segment's and checkpoint's lock forward (monthly by default), of every
   * node's chain: a node that has stopped for good still has its trail kept. On the leading node
   * only; each node locks what it seals as it seals it.
   */
  @Scheduled(cron = "${arkiv.audit.lock-renewal-cron:0 45 3 1 * *}", zone = "Europe/Stockholm")
  void renewAll() {
    if (!leadership.leads()) {
      return;
    }
    int renewed = 0;
    for (AuditChain chain : AuditChain.all(store)) {
      for (String prefix : List.of(chain.segments(), chain.checkpoints())) {
        for (String key : store.list(prefix).toList()) {
          lock(key);
          renewed++;
        }
      }
    }
    log.info("Audit trail locks renewed until {} on {} objects", until(), renewed);
  }
}
