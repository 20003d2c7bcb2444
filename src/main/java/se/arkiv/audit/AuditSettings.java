package se.arkiv.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import se.arkiv.storage.StorageSettings;

/**
 * {@code arkiv.audit.*}.
 *
 * @param segmentEntries a local segment is sealed into the object store at this many entries
 * @param sealInterval and at least this often when it holds any entry
 * @param indexDir the on-disk index of the trail (derived: delete it and it is rebuilt from the
 *     sealed segments); by default {@code <arkiv.data-dir>/audit-index}
 * @param indexInterval how often newly sealed segments are looked for and indexed
 */
@ConfigurationProperties("arkiv.audit")
record AuditSettings(
    @DefaultValue("1000") int segmentEntries,
    @DefaultValue("5m") Duration sealInterval,
    Path indexDir,
    @DefaultValue("2s") Duration indexInterval) {

  /**
   * Under the data dir rather than beside the records index by default: the index belongs to the
   * trail of that data dir (its local segments are there too), and two services sharing a default
   * index folder would mix their trails.
   */
  Path indexDir(StorageSettings storage) {
    return indexDir != null ? indexDir : storage.dataDir().resolve("audit-index");
  }
}
