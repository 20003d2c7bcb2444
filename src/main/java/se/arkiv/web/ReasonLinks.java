package se.arkiv.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import se.arkiv.record.RecordMetadata;

/**
 * What a restricted record's page appends to its own links (content, preview, text, archival copy)
 * when it was opened with a reason, so that each of those reads is audited with that reason instead
 * of asking again; empty for any other record.
 *
 * @param first to append to a link without parameters: {@code ?reason=...} or empty
 * @param more to append to a link with parameters: {@code &reason=...} or empty
 */
record ReasonLinks(String first, String more) {

  static ReasonLinks of(RecordMetadata record, String reason) {
    if (record.restriction() == null || reason == null || reason.isBlank()) {
      return new ReasonLinks("", "");
    }
    String encoded = URLEncoder.encode(reason, StandardCharsets.UTF_8);
    return new ReasonLinks("?reason=" + encoded, "&reason=" + encoded);
  }
}
