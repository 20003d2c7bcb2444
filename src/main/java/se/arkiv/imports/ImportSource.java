package se.arkiv.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The folder or BagIt bag an import reads, and its manifest, both below the import root. A path is
 * refused when it is absolute, climbs out with {@code ..}, or reaches outside through a symbolic
 * link: the API never becomes a way to read the host's other files.
 *
 * @param folder the source folder, as a real path below the root
 * @param manifest the manifest, as a real path below the root
 * @param bag the bag's checksums when the folder is a BagIt bag ({@code bagit.txt}), else null
 */
record ImportSource(Path folder, Path manifest, BagChecksums bag) {

  static ImportSource resolve(Path root, ImportRequest request) {
    if (request == null || request.source() == null || request.source().isBlank()) {
      throw new ImportRefused("Name the source folder or bag, relative to the import root");
    }
    if (request.manifest() == null || request.manifest().isBlank()) {
      throw new ImportRefused("Name the manifest (.csv or .json), relative to the import root");
    }
    if (!ManifestReader.isCsv(request.manifest()) && !ManifestReader.isJson(request.manifest())) {
      throw new ImportRefused("The manifest must be a .csv or a .json file");
    }
    ImportSource folder = folder(root, request.source());
    Path manifest = below(realRoot(root), request.manifest(), "manifest");
    if (!Files.isRegularFile(manifest)) {
      throw new ImportRefused("The manifest '" + request.manifest() + "' is not a file");
    }
    return new ImportSource(folder.folder(), manifest, folder.bag());
  }

  /** The source folder alone: a resumed import reads its manifest from the object store. */
  static ImportSource folder(Path root, String source) {
    Path folder = below(realRoot(root), source, "source");
    if (!Files.isDirectory(folder)) {
      throw new ImportRefused("The source '" + source + "' is not a folder");
    }
    BagChecksums bag = Files.isRegularFile(folder.resolve("bagit.txt")) ? read(folder) : null;
    return new ImportSource(folder, null, bag);
  }

  /**
   * The file a manifest row names, when it stays inside the source folder; null when it would not.
   */
  Path file(String relative) {
    try {
      Path path = Path.of(relative);
      if (path.isAbsolute() || relative.contains("\\")) {
        return null;
      }
      Path resolved = folder.resolve(path).normalize();
      if (!resolved.startsWith(folder)) {
        return null;
      }
      if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)
          && !resolved.toRealPath().startsWith(folder)) {
        return null;
      }
      return resolved;
    } catch (IOException | InvalidPathException e) {
      return null;
    }
  }

  /** The row's file as named in the bag's manifests ({@code data/...}), relative to the folder. */
  String relative(Path file) {
    return folder.relativize(file).toString().replace('\\', '/');
  }

  private static BagChecksums read(Path folder) {
    try {
      return BagChecksums.read(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path realRoot(Path root) {
    try {
      Files.createDirectories(root);
      return root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("The import root " + root + " cannot be read", e);
    }
  }

  private static Path below(Path root, String relative, String what) {
    Path given;
    try {
      given = Path.of(relative);
    } catch (InvalidPathException e) {
      throw new ImportRefused("The " + what + " '" + relative + "' is not a valid path");
    }
    Path resolved = root.resolve(given).normalize();
    if (given.isAbsolute() || !resolved.startsWith(root)) {
      throw new ImportRefused(
          "The " + what + " must be a path below the import root, not '" + relative + "'");
    }
    try {
      Path real = resolved.toRealPath();
      if (!real.startsWith(root)) {
        throw new ImportRefused(
            "The " + what + " '" + relative + "' leads outside the import root (a link)");
      }
      return real;
    } catch (IOException e) {
      throw new ImportRefused("The " + what + " '" + relative + "' does not exist");
    }
  }
}
