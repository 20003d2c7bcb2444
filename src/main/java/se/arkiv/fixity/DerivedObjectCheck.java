package se.arkiv.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.arkiv.fixity.Finding.Kind;
import se.arkiv.record.Attachment;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.ObjectVersion;
import se.arkiv.storage.RecordLayout;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageUnavailable;

/**
 * The derived objects of one record against its metadata: the extracted text, the preview, the
 * archival copy and the e-mail attachments. Text, preview and archival copy that are missing or
 * damaged are made again, but only from an original whose hash was just verified; attachments are
 * reported.
 */
class DerivedObjectCheck {

  private static final byte[] PDF_SIGNATURE = {'%', 'P', 'D', 'F', '-'};
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

  private final RecordStore records;
  private final DerivedObjects derived;
  private final Clock clock;

  DerivedObjectCheck(RecordStore records, DerivedObjects derived, Clock clock) {
    this.records = records;
    this.derived = derived;
    this.clock = clock;
  }

  void check(
      String runId,
      RecordMetadata record,
      Map<String, List<ObjectVersion>> byKey,
      boolean verified,
      List<Finding> out) {
    RecordId id = record.id();
    if (record.extraction() == null || record.extraction().status() == ExtractionStatus.PENDING) {
      // Extraction writes text before the metadata that announces it; nothing to expect yet.
      return;
    }
    String textProblem = null;
    if (record.extraction().status() == ExtractionStatus.DONE) {
      Optional<String> text = records.readText(id);
      if (text.isEmpty()) {
        textProblem = "missing";
      } else if (text.get().length() != record.extraction().characters()) {
        textProblem =
            "damaged: "
                + text.get().length()
                + " characters where the metadata records "
                + record.extraction().characters();
      }
    }
    String previewProblem = null;
    // A record whose archival copy is still to come gets its preview with it.
    if (hasPreview(record.mediaType()) && !record.extraction().archivalLater()) {
      Optional<InputStream> preview = records.openPreview(id);
      if (preview.isEmpty()) {
        previewProblem = "missing";
      } else if (!isWholePng(preview.get())) {
        previewProblem = "damaged: not a whole PNG";
      }
    }
    String archivalProblem = null;
    if (record.extraction().archival() != null && record.extraction().archival().isMade()) {
      Optional<RecordStore.StoredCopy> copy = records.openArchival(id);
      if (copy.isEmpty()) {
        archivalProblem = "missing";
      } else if (!isWholePdf(copy.get().content())) {
        archivalProblem = "damaged: not a whole PDF";
      }
    }
    for (Attachment attachment : record.extraction().attachments()) {
      attachment(runId, id, attachment, byKey, out);
    }
    if (textProblem == null && previewProblem == null && archivalProblem == null) {
      return;
    }
    if (!verified) {
      unrepaired(
          runId, id, textProblem, previewProblem, archivalProblem, "original not verified", out);
      return;
    }
    DerivedObjects.Remade remade;
    try {
      remade =
          derived.remake(
              record, textProblem != null, previewProblem != null, archivalProblem != null);
    } catch (DerivedObjects.OriginalNotVerified e) {
      unrepaired(runId, id, textProblem, previewProblem, archivalProblem, e.getMessage(), out);
      return;
    }
    if (archivalProblem != null) {
      if (remade.archival().isPresent()) {
        records.writeArchival(id, remade.archival().get());
        out.add(
            finding(
                runId,
                id,
                RecordLayout.archival(id),
                Kind.DERIVED_REPAIRED,
                "archival copy was "
                    + archivalProblem
                    + "; made again from the verified original"));
      } else {
        out.add(
            unrepaired(
                runId,
                id,
                RecordLayout.archival(id),
                archivalProblem,
                "no archival copy can be made now"));
      }
    }
    if (textProblem != null) {
      String text = remade.text().orElse("");
      if (text.length() == record.extraction().characters()) {
        records.writeText(id, text);
        out.add(
            finding(
                runId,
                id,
                RecordLayout.text(id),
                Kind.DERIVED_REPAIRED,
                "extracted text was "
                    + textProblem
                    + "; re-derived from the verified original ("
                    + text.length()
                    + " characters)"));
      } else {
        out.add(
            unrepaired(
                runId,
                id,
                RecordLayout.text(id),
                textProblem,
                "extraction now gives "
                    + text.length()
                    + " characters, not the "
                    + record.extraction().characters()
                    + " its metadata records; left for a new extraction"));
      }
    }
    if (previewProblem != null) {
      if (remade.preview().isPresent()) {
        records.writePreview(id, remade.preview().get());
        out.add(
            finding(
                runId,
                id,
                RecordLayout.preview(id),
                Kind.DERIVED_REPAIRED,
                "preview was " + previewProblem + "; re-derived from the verified original"));
      } else if (!previewProblem.equals("missing")) {
        out.add(
            unrepaired(
                runId, id, RecordLayout.preview(id), previewProblem, "no preview can be made"));
      }
      // A missing preview that cannot be made is no finding: some PDFs and images have none.
    }
  }

  private void attachment(
      String runId,
      RecordId id,
      Attachment attachment,
      Map<String, List<ObjectVersion>> byKey,
      List<Finding> out) {
    String key = RecordLayout.attachment(id, attachment.index());
    boolean current =
        byKey.getOrDefault(key, List.of()).stream().anyMatch(v -> v.latest() && !v.deleteMarker());
    if (!current) {
      out.add(
          finding(
              runId,
              id,
              key,
              Kind.DERIVED_MISSING,
              "attachment " + attachment.index() + " (" + attachment.fileName() + ") is missing"));
      return;
    }
    StreamHash.Hashed hashed = StreamHash.of(records.openAttachment(id, attachment.index()));
    if (!hashed.sha256().equals(attachment.sha256())) {
      out.add(
          finding(
              runId,
              id,
              key,
              Kind.DERIVED_CORRUPT,
              "attachment "
                  + attachment.index()
                  + " hashes to "
                  + hashed.sha256()
                  + ", its metadata declares "
                  + attachment.sha256()));
    }
  }

  /** Each derived object found wrong, none of them made again, for the same reason. */
  private void unrepaired(
      String runId,
      RecordId id,
      String textProblem,
      String previewProblem,
      String archivalProblem,
      String whyNotRepaired,
      List<Finding> out) {
    if (textProblem != null) {
      out.add(unrepaired(runId, id, RecordLayout.text(id), textProblem, whyNotRepaired));
    }
    if (previewProblem != null) {
      out.add(unrepaired(runId, id, RecordLayout.preview(id), previewProblem, whyNotRepaired));
    }
    if (archivalProblem != null) {
      out.add(unrepaired(runId, id, RecordLayout.archival(id), archivalProblem, whyNotRepaired));
    }
  }

  private Finding unrepaired(
      String runId, RecordId id, String key, String problem, String whyNotRepaired) {
    Kind kind = problem.equals("missing") ? Kind.DERIVED_MISSING : Kind.DERIVED_CORRUPT;
    return finding(runId, id, key, kind, problem + "; not re-derived: " + whyNotRepaired);
  }

  private Finding finding(String runId, RecordId id, String key, Kind kind, String detail) {
    return new Finding(runId, id.value(), key, kind, detail, clock.instant());
  }

  private static boolean hasPreview(String mediaType) {
    return "application/pdf".equals(mediaType)
        || (mediaType != null && mediaType.startsWith("image/"));
  }

  /**
   * An archival copy is whole when it starts as every PDF does and its end holds the end-of-file
   * marker: read through once, keeping only the last kilobyte.
   */
  private static boolean isWholePdf(InputStream stream) {
    try (InputStream in = stream) {
      byte[] head = in.readNBytes(PDF_SIGNATURE.length);
      if (!Arrays.equals(head, PDF_SIGNATURE)) {
        return false;
      }
      byte[] tail = new byte[1024];
      int kept = 0;
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (n >= tail.length) {
          System.arraycopy(buffer, n - tail.length, tail, 0, tail.length);
          kept = tail.length;
        } else {
          int keep = Math.min(kept, tail.length - n);
          System.arraycopy(tail, kept - keep, tail, 0, keep);
          System.arraycopy(buffer, 0, tail, keep, n);
          kept = keep + n;
        }
      }
      return new String(tail, 0, kept, StandardCharsets.ISO_8859_1).contains("%%EOF");
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read an archival copy: " + e.getMessage(), e);
    }
  }

  /** A thumbnail is small: it is whole when it starts and ends as every PNG does. */
  private static boolean isWholePng(InputStream stream) {
    try (InputStream in = stream) {
      byte[] png = in.readAllBytes();
      return png.length >= PNG_SIGNATURE.length + PNG_END.length
          && Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, 8)
          && Arrays.equals(png, png.length - PNG_END.length, png.length, PNG_END, 0, 8);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read a preview: " + e.getMessage(), e);
    }
  }
}
