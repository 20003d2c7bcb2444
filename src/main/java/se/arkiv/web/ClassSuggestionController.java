package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.ClassSuggestions;
import se.arkiv.search.ClassSuggestions.Suggestion;

/** Which record class a text resembles, learned from the archive's own records; a hint only. */
@RestController
class ClassSuggestionController {

  /** A text to suggest a class for, such as a scanning station's OCR before it files. */
  record TextToClassify(String text) {}

  /** The suggestion, or null when the archive has nothing like the text. */
  record SuggestionView(Suggestion suggestion) {}

  /** A filed record's class beside the suggestion, and whether they differ. */
  record RecordSuggestionView(String filedAs, Suggestion suggestion, boolean differs) {}

  private final ClassSuggestions suggestions;
  private final ScopedRecords records;
  private final AuditRecorder audit;

  ClassSuggestionController(
      ClassSuggestions suggestions, ScopedRecords records, AuditRecorder audit) {
    this.suggestions = suggestions;
    this.records = records;
    this.audit = audit;
  }

  @Operation(
      operationId = "suggestClass",
      tags = ApiDescription.FILING,
      summary = "Suggest a record class for a text",
      description =
          "The class that most of the archive's records like this text were filed under (at most 15 vote, each by its similarity), with votes and share; null when nothing is like it or no class has half the vote. A hint for the clerk, never applied. Only records of your departments vote.")
  @PostMapping("/api/class-suggestions")
  SuggestionView suggest(@RequestBody TextToClassify request) {
    return new SuggestionView(
        suggestions.suggest(request.text(), null, audit.actor().searchScope()).orElse(null));
  }

  @Operation(
      operationId = "suggestClassOfRecord",
      tags = ApiDescription.RECORDS,
      summary = "The class a filed record resembles",
      description =
          "The suggestion for the record's extracted text (its own vote left out) beside the class it was filed as; differs is true when they are not the same. Null before extraction or when nothing is like it.")
  @GetMapping("/api/records/{id}/class-suggestion")
  RecordSuggestionView ofRecord(@PathVariable String id) {
    RecordMetadata record = records.find(id, "record.class-suggestion");
    Suggestion suggestion = suggestions.forRecord(record, audit.actor().searchScope()).orElse(null);
    audit.success(
        "record.class-suggestion",
        record.id().value(),
        Map.of("suggested", suggestion == null ? "" : suggestion.recordClass()));
    return new RecordSuggestionView(
        record.recordClass(),
        suggestion,
        suggestion != null && suggestion.differsFrom(record.recordClass()));
  }
}
