package se.arkiv.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.data-dir}: the folder of the embedded object store ({@code objects/}) and the upload
 * spool ({@code spool/}).
 */
@ConfigurationProperties("arkiv")
public record StorageSettings(@DefaultValue("./data") Path dataDir) {

  public Path objectsDir() {
    return dataDir.resolve("objects");
  }

  public Path spoolDir() {
    return dataDir.resolve("spool");
  }
}
