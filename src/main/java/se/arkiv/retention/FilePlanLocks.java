package se.arkiv.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.record.FilePlan;

/**
 * After a file-plan change that keeps a class longer, extends the store's locks of the records
 * already filed in it, in the background: a class may hold millions of records, and until their
 * locks are extended Arkiv's own rules keep them (retention is computed from the plan in force),
 * while the daily lock renewal catches anything this pass could not reach. An authority's extension
 * gets the same pass over the classes it can lengthen.
 */
@Component
class FilePlanLocks implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(FilePlanLocks.class);

  private final ClassRecords classRecords;
  private final RecordLocks locks;
  private final FilePlanVersions versions;
  private final FilePlan plan;
  private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();

  FilePlanLocks(
      ClassRecords classRecords, RecordLocks locks, FilePlanVersions versions, FilePlan plan) {
    this.classRecords = classRecords;
    this.locks = locks;
    this.versions = versions;
    this.plan = plan;
    worker.setThreadNamePrefix("file-plan-locks-");
    worker.setCorePoolSize(1);
    worker.setMaxPoolSize(1);
    worker.setThreadPriority(Thread.MIN_PRIORITY);
    worker.initialize();
  }

  @EventListener(ApplicationReadyEvent.class)
  void afterStart() {
    versions.lengthenedAtStart().forEach(this::extend);
  }

  /** An extension lengthens only rules with a legal maximum: the classes that have one. */
  @EventListener
  void on(RetentionExtended extended) {
    plan.classes().stream()
        .filter(c -> c.rules().stream().anyMatch(r -> r.maximum() != null))
        .forEach(c -> extend(c.code()));
  }

  void extend(String recordClass) {
    worker.execute(
        () -> {
          long[] count = {0};
          classRecords.forEach(
              recordClass,
              record -> {
                locks.lock(record);
                count[0]++;
              });
          log.info(
              "Extended the store locks of {} records of {} after a file-plan change",
              count[0],
              recordClass);
        });
  }

  @Override
  public void destroy() {
    worker.shutdown();
  }
}
