package se.arkiv.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.extraction.TextExtractor;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageSettings;

/**
 * Makes text, preview and archival copy again from the original, the same way filing made them.
 * Only from a copy whose SHA-256 is the one in the metadata: a damaged original is reported, never
 * used to overwrite what was derived from the good one.
 */
@Component
class DerivedObjects {

  private final RecordStore records;
  private final TextExtractor extractor;
  private final Path spool;

  DerivedObjects(RecordStore records, TextExtractor extractor, StorageSettings storage) {
    this.records = records;
    this.extractor = extractor;
    this.spool = storage.dataDir().resolve("fixity-spool");
  }

  /** What re-derivation made; empty parts could not be made. */
  record Remade(Optional<String> text, Optional<byte[]> preview, Optional<byte[]> archival) {}

  /** A copy of the original whose hash is not the declared one: nothing is derived from it. */
  static final class OriginalNotVerified extends RuntimeException {
    OriginalNotVerified(String message) {
      super(message);
    }
  }

  Remade remake(RecordMetadata record, boolean text, boolean preview, boolean archival) {
    Path copy = null;
    try {
      Files.createDirectories(spool);
      copy = Files.createTempFile(spool, "original-", ".bin");
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(records.openOriginal(record), sha256)) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = HexFormat.of().formatHex(sha256.digest());
      if (!actual.equals(record.sha256())) {
        throw new OriginalNotVerified(
            "the copy read for re-derivation hashes to " + actual + ", not " + record.sha256());
      }
      // One extraction, in a child process like filing's, makes the text, preview and copy.
      ExtractedText extracted = extractor.extract(copy, record.fileName(), record.mediaType());
      ExtractedText later = null;
      try {
        if ((archival || preview)
            && extracted.archival() != null
            && extracted.archival().isLater()) {
          // A born-digital PDF's copy and preview are made after its text, as after filing.
          later = extractor.afterText(copy, record.fileName(), record.mediaType());
        }
        ExtractedText drawn = later == null ? extracted : later;
        Optional<String> madeText = text ? Optional.of(extracted.text()) : Optional.empty();
        Optional<byte[]> madePreview =
            preview && drawn.preview() != null
                ? Optional.of(Files.readAllBytes(drawn.preview()))
                : Optional.empty();
        Optional<byte[]> madeArchival =
            archival && drawn.archival() != null && drawn.archival().file() != null
                ? Optional.of(Files.readAllBytes(drawn.archival().file()))
                : Optional.empty();
        return new Remade(madeText, madePreview, madeArchival);
      } finally {
        extracted.temporaryFiles().forEach(DerivedObjects::deleteQuietly);
        if (later != null) {
          later.temporaryFiles().forEach(DerivedObjects::deleteQuietly);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    } finally {
      if (copy != null) {
        deleteQuietly(copy);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover copy in the fixity spool is harmless; the next start finds nothing reads it
    }
  }
}
