package se.arkiv.record;

import java.nio.file.Path;

/** Reads a file plan file; for tools and tests that need one outside the running service. */
public final class FilePlanFiles {

  private FilePlanFiles() {}

  public static FilePlan load(Path file) {
    return FilePlanLoader.load(file);
  }
}
