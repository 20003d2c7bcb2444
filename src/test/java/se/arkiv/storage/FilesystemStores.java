package se.arkiv.storage;

import java.nio.file.Path;
import java.time.Clock;

/** The filesystem store for unit tests of other modules, which cannot make one themselves. */
public final class FilesystemStores {

  private FilesystemStores() {}

  public static ObjectStore at(Path root, Clock clock) {
    return new FilesystemObjectStore(root, clock);
  }
}
