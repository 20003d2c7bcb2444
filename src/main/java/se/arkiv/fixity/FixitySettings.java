package se.arkiv.fixity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.fixity.*}.
 *
 * @param cron when scheduled runs start (Spring cron, Europe/Stockholm); "-" is off
 * @param parallelism records checked at the same time; each reads one original as a stream, so this
 *     bounds both threads and open files
 * @param checkpointEvery a run's progress is saved after this many records, so a restart resumes
 *     from there
 */
@ConfigurationProperties("arkiv.fixity")
public record FixitySettings(
    @DefaultValue("-") String cron,
    @DefaultValue("2") int parallelism,
    @DefaultValue("2000") int checkpointEvery) {

  public FixitySettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("arkiv.fixity.parallelism must be at least 1");
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("arkiv.fixity.checkpoint-every must be at least 1");
    }
  }
}
