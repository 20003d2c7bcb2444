package se.arkiv.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.audit.*}.
 *
 * @param segmentEntries a local segment is sealed into the object store at this many entries
 * @param sealInterval and at least this often when it holds any entry
 */
@ConfigurationProperties("arkiv.audit")
record AuditSettings(
    @DefaultValue("1000") int segmentEntries, @DefaultValue("5m") Duration sealInterval) {}
