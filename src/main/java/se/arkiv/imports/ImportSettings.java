package se.arkiv.imports;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.imports.*}: where legacy archives are put for import, and how fast they are filed.
 *
 * @param root the only folder imports read from: a source or manifest named in a request is a path
 *     below it, so an API call can never make the service read another file of the host
 * @param parallelism files filed at once by an import
 * @param journalEvery outcomes written together as one journal segment; after a crash at most these
 *     are filed again, and found as the records they already are
 * @param maxPerSecond files filed per second at most, 0 for as fast as the service can (a migration
 *     may be throttled during business hours)
 */
@ConfigurationProperties("arkiv.imports")
public record ImportSettings(
    @DefaultValue("./data/imports") Path root,
    @DefaultValue("4") int parallelism,
    @DefaultValue("200") int journalEvery,
    @DefaultValue("0") double maxPerSecond) {

  public ImportSettings {
    parallelism = Math.max(1, parallelism);
    journalEvery = Math.max(1, journalEvery);
    maxPerSecond = Math.max(0, maxPerSecond);
  }
}
