package se.arkiv.export;

import java.util.List;

/**
 * What to export: exactly one of the four.
 *
 * @param query the search syntax of {@code GET /api/search} ({@code q})
 * @param holdId a legal hold: the records it covers now
 * @param recordClass a record class code of the file plan
 * @param recordIds records by id
 */
public record ExportRequest(
    String query, String holdId, String recordClass, List<String> recordIds) {

  public ExportRequest {
    recordIds = recordIds == null ? null : List.copyOf(recordIds);
  }

  /** The selection in one line, as the bag and the audit trail name it: {@code query=...}. */
  public String describe() {
    if (query != null) {
      return "query=" + query;
    }
    if (holdId != null) {
      return "holdId=" + holdId;
    }
    if (recordClass != null) {
      return "recordClass=" + recordClass;
    }
    return "recordIds=" + String.join(",", recordIds);
  }
}
