package se.arkiv.export;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.exports.*}.
 *
 * @param dir where bags are written as zip files before they are downloaded; a bag never sits in
 *     memory, so this folder needs room for the largest export
 * @param keep how long a finished export stays downloadable; then its file is deleted
 * @param threads exports written at the same time; each streams originals out of the store
 */
@ConfigurationProperties("arkiv.exports")
public record ExportSettings(
    @DefaultValue("./data/exports") Path dir,
    @DefaultValue("7d") Duration keep,
    @DefaultValue("1") int threads) {

  public ExportSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("arkiv.exports.threads must be at least 1");
    }
  }
}
