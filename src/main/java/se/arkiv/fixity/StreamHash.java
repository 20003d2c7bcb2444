package se.arkiv.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import se.arkiv.storage.StorageUnavailable;

/** SHA-256 of a stream in large reads: an original is never whole in memory. */
final class StreamHash {

  private static final int BUFFER = 256 * 1024;
  // One read buffer per checker thread, not one per record.
  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[BUFFER]);

  record Hashed(String sha256, long bytes) {}

  private StreamHash() {}

  static Hashed of(InputStream stream) {
    try (InputStream in = stream) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = BUFFERS.get();
      long bytes = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        bytes += n;
      }
      return new Hashed(HexFormat.of().formatHex(digest.digest()), bytes);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read an object to hash it: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
