package se.arkiv.storage;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.InvalidRecordId;
import se.arkiv.record.RecordId;

/**
 * Where every object of a record lives, and nothing else: the one mapping from a record id to
 * object keys, as an OCFL storage layout extension maps object ids to paths. {@code
 * docs/storage-layout.md} documents it; a store written with it must stay readable, so a change
 * here is a change of the storage format.
 *
 * <pre>
 * records/&lt;id&gt;/original          the filed bytes, never rewritten
 * records/&lt;id&gt;/meta/000001.json  metadata versions, append-only; the highest is current
 * records/&lt;id&gt;/text.txt          extracted text (derived)
 * records/&lt;id&gt;/preview.png       first-page thumbnail (derived)
 * records/&lt;id&gt;/archival.pdf      PDF/A-2b archival copy of a PDF or scan (derived)
 * records/&lt;id&gt;/attachments/&lt;n&gt;   attachment n of a filed e-mail
 * dedup/&lt;key&gt;                    the record id that holds a given content, class and keys
 * </pre>
 */
public final class RecordLayout {

  /** The folder every record's folder is in; listing it lists the records. */
  public static final String RECORDS = "records/";

  private static final String DUPLICATES = "dedup/";
  private static final Pattern METADATA_VERSION = Pattern.compile(".*/meta/(\\d{6})\\.json");

  private RecordLayout() {}

  /** The record's folder, ending in a slash: every object of the record is below it. */
  public static String folder(RecordId id) {
    return RECORDS + id + "/";
  }

  public static String original(RecordId id) {
    return folder(id) + "original";
  }

  /** The folder of the metadata versions, ending in a slash. */
  public static String metadataFolder(RecordId id) {
    return folder(id) + "meta/";
  }

  /** Metadata version {@code version}: six digits, zero-padded, so names sort as numbers. */
  public static String metadataVersion(RecordId id, int version) {
    return metadataFolder(id) + String.format("%06d", version) + ".json";
  }

  /** The metadata version a key holds by its name ({@code .../meta/000003.json} is 3), or 0. */
  public static int metadataVersionOf(String key) {
    Matcher matcher = METADATA_VERSION.matcher(key);
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  public static String text(RecordId id) {
    return folder(id) + "text.txt";
  }

  public static String preview(RecordId id) {
    return folder(id) + "preview.png";
  }

  /** The PDF/A archival copy: page images with an invisible text layer, beside the original. */
  public static String archival(RecordId id) {
    return folder(id) + "archival.pdf";
  }

  public static String attachment(RecordId id, int index) {
    return folder(id) + "attachments/" + index;
  }

  /** The key of the duplicate index entry for one filing identity; see {@link DedupKeys}. */
  static String duplicate(String sha256, String recordClass, String department, BusinessKeys keys) {
    return DUPLICATES + DedupKeys.of(sha256, recordClass, department, keys);
  }

  /**
   * The record whose folder a listing of {@link #RECORDS} names, or empty for a name that is no
   * record id (a stray folder must not stop a listing).
   */
  static Optional<RecordId> recordOfFolder(String folderKey) {
    if (!folderKey.startsWith(RECORDS) || !folderKey.endsWith("/")) {
      return Optional.empty();
    }
    return recordId(folderKey.substring(RECORDS.length(), folderKey.length() - 1));
  }

  /** A record id as the layout writes it (a folder name, a duplicate entry), or empty. */
  static Optional<RecordId> recordId(String text) {
    try {
      return Optional.of(RecordId.of(text));
    } catch (InvalidRecordId e) {
      return Optional.empty();
    }
  }
}
