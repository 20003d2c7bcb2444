package se.arkiv.filing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import se.arkiv.storage.StorageSettings;

/**
 * The spool folder: uploads stream through here, hashed as they are written, so a file of any size
 * needs only a small buffer of heap.
 */
@Component
class Spool {

  private final Path folder;

  Spool(StorageSettings settings) throws IOException {
    this.folder = settings.spoolDir();
    Files.createDirectories(folder);
    // Whatever is here was left by a process that stopped mid-upload: nothing acknowledged it.
    try (Stream<Path> leftovers = Files.list(folder)) {
      for (Path leftover : leftovers.toList()) {
        Files.deleteIfExists(leftover);
      }
    }
  }

  SpooledFile receive(InputStream content) {
    Path file = newTempFile();
    MessageDigest sha256 = sha256();
    try (InputStream in = new DigestInputStream(content, sha256);
        OutputStream out = Files.newOutputStream(file)) {
      long size = in.transferTo(out);
      return new SpooledFile(file, HexFormat.of().formatHex(sha256.digest()), size);
    } catch (IOException e) {
      deleteQuietly(file);
      throw new UncheckedIOException("Upload interrupted: " + e.getMessage(), e);
    }
  }

  Path newTempFile() {
    try {
      return Files.createTempFile(folder, "spool-", ".bin");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a spool file in " + folder, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // cleaned at the next start
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
