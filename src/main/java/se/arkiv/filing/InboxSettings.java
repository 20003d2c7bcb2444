package se.arkiv.filing;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.inbox.*}: the watched folder where clerks drop scans.
 *
 * @param dir the inbox; each sub-folder names a record class, optionally with a department: {@code
 *     PAYROLL/}, {@code PAYROLL@HR/}
 * @param user the service user recorded as the filer
 * @param settleTime a file is taken only once its size and time have not changed for this long
 * @param scanInterval how often the inbox is looked at
 */
@ConfigurationProperties("arkiv.inbox")
public record InboxSettings(
    @DefaultValue("./data/inbox") Path dir,
    @DefaultValue("inbox") String user,
    @DefaultValue("2s") Duration settleTime,
    @DefaultValue("5s") Duration scanInterval,
    @DefaultValue("true") boolean enabled) {}
