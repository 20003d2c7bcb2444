package se.arkiv.filing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An upload received into the spool, with its SHA-256 and size; closing deletes it. */
record SpooledFile(Path path, String sha256, long size) implements AutoCloseable {

  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a stray spool file is cleaned at the next start
    }
  }
}
