package se.arkiv.storage;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The folders a deletion in the filesystem store leaves empty, and which of them to flush. */
final class EmptyFolders {

  private EmptyFolders() {}

  /**
   * Removes these folders when empty, and then their parents when empty in turn (empty folders
   * would list as records that are no longer there); answers the folders still there that lost an
   * entry. Deepest first, so that a parent is answered rather than a folder just removed. A folder
   * is removed by trying, not by reading it first: reading {@code records/} to see it is not empty
   * hashes thousands of names on ext4 and cost more than the rest of a destruction. The folders
   * right below {@code stopAt} ({@code records/}, {@code dedup/}) stay: they are not worth a try
   * that fails with an exception for every record destroyed.
   */
  static Set<Path> remove(Collection<Path> folders, Path stopAt) throws IOException {
    List<Path> deepestFirst = new ArrayList<>(folders);
    deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    Set<Path> remaining = new LinkedHashSet<>();
    for (Path from : deepestFirst) {
      Path folder = from;
      while (folder != null
          && folder.startsWith(stopAt)
          && folder.getNameCount() > stopAt.getNameCount() + 1) {
        try {
          Files.delete(folder);
        } catch (DirectoryNotEmptyException e) {
          break;
        } catch (NoSuchFileException e) {
          // removed already, by an earlier folder of this call or another writer: look above it
        }
        folder = folder.getParent();
      }
      if (folder != null) {
        remaining.add(folder);
      }
    }
    return remaining;
  }
}
