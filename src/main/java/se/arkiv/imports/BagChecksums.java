package se.arkiv.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The payload checksums of a BagIt bag (RFC 8493): {@code manifest-sha512.txt} when there is one,
 * else {@code manifest-sha256.txt}; the strongest is the one a file is checked against.
 */
final class BagChecksums {

  private final String algorithm;
  private final Map<String, String> byPath;

  private BagChecksums(String algorithm, Map<String, String> byPath) {
    this.algorithm = algorithm;
    this.byPath = byPath;
  }

  static BagChecksums read(Path bag) throws IOException {
    for (String algorithm : new String[] {"sha512", "sha256"}) {
      Path manifest = bag.resolve("manifest-" + algorithm + ".txt");
      if (Files.isRegularFile(manifest)) {
        Map<String, String> byPath = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(manifest)) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            int space = line.indexOf(' ');
            if (space > 0) {
              // RFC 8493 §2.1.3: a path is percent-encoded only for CR, LF and %.
              String path = line.substring(space).strip().replace("%0A", "\n").replace("%0D", "\r");
              byPath.put(
                  path.replace("%25", "%"), line.substring(0, space).toLowerCase(Locale.ROOT));
            }
          }
        }
        return new BagChecksums(algorithm, byPath);
      }
    }
    throw new ImportRefused(
        "The source has bagit.txt but neither manifest-sha512.txt nor manifest-sha256.txt");
  }

  /** Null when the file matches its checksum in the bag, else the reason it does not. */
  String mismatch(String pathInBag, Path file) {
    String expected = byPath.get(pathInBag);
    if (expected == null) {
      return "not listed in the bag's manifest-" + algorithm + ".txt";
    }
    String actual = digest(file);
    return expected.equals(actual)
        ? null
        : algorithm
            + " is "
            + actual
            + ", the bag's manifest-"
            + algorithm
            + ".txt says "
            + expected;
  }

  /** The verified checksum as kept in the provenance: {@code sha512:<hex>}. */
  String verified(String pathInBag) {
    return algorithm + ":" + byPath.get(pathInBag);
  }

  private String digest(Path file) {
    try (InputStream in =
        new DigestInputStream(
            Files.newInputStream(file),
            MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
