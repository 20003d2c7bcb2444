package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartRequest;
import se.arkiv.access.CorrectionRights;
import se.arkiv.access.RecordAccess;
import se.arkiv.filing.Filed;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.filing.MetadataCorrection;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.retention.RetentionService;
import se.arkiv.security.Actor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Filing a record, reading and correcting its metadata; its bytes are {@link
 * RecordContentController}'s.
 */
@RestController
@RequestMapping("/api/records")
class RecordController {

  private final FilingService filing;
  private final RecordAccess access;
  private final CorrectionRights corrections;
  private final ScopedRecords records;
  private final RetentionService retention;
  private final AuditRecorder audit;
  private final JsonMapper json;

  RecordController(
      FilingService filing,
      RecordAccess access,
      CorrectionRights corrections,
      ScopedRecords records,
      RetentionService retention,
      AuditRecorder audit,
      JsonMapper json) {
    this.filing = filing;
    this.access = access;
    this.corrections = corrections;
    this.records = records;
    this.retention = retention;
    this.audit = audit;
    this.json = json;
  }

  private RecordView view(RecordMetadata record) {
    return RecordView.of(record, access.retentionShownTo(audit.actor(), record));
  }

  @Operation(
      operationId = "fileRecord",
      tags = ApiDescription.FILING,
      summary = "File a record",
      description =
          "Stores the original and metadata v1 before it answers; text extraction and indexing follow in the background. The same bytes filed before with the same class and keys answer 200 with that record. An unknown class answers 400 with validCodes.")
  @ApiResponse(
      responseCode = "201",
      description = "Filed; Location names the new record",
      content = @Content(schema = @Schema(implementation = RecordView.class)))
  @ApiResponse(
      responseCode = "200",
      description = "Filed before: the existing record",
      content = @Content(schema = @Schema(implementation = RecordView.class)))
  @ProblemStatuses({413})
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
              schema = @Schema(implementation = FilingUpload.class),
              encoding =
                  @Encoding(name = "metadata", contentType = MediaType.APPLICATION_JSON_VALUE)))
  // Produces JSON only, so that a client that cannot read the answer is refused before anything is
  // filed, not told 406 about a record that was.
  @PostMapping(
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RecordView> file(
      @Parameter(hidden = true) @RequestPart("file") MultipartFile file,
      @Parameter(hidden = true) @RequestPart("metadata") String metadata,
      @Parameter(hidden = true) MultipartRequest parts,
      Principal user)
      throws IOException {
    if (parts.getFiles("file").size() != 1) {
      throw new InvalidFilingRequest("One part 'file' per filing: file each document on its own");
    }
    FilingRequest request = access.scopedFiling(audit.actor(), parse(metadata));
    // FilingService.file validates the request before it reads a byte of the upload.
    Filed filed;
    try (InputStream content = file.getInputStream()) {
      filed = filing.file(request, content, UploadedFileName.of(file), user.getName());
    }
    audit.filed(filed);
    URI location = URI.create("/api/records/" + filed.record().id());
    return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(location)
        .body(view(filed.record()));
  }

  /** The two parts of a filing, as the API description shows them. */
  @Schema(
      name = "FilingUpload",
      requiredProperties = {"file", "metadata"})
  record FilingUpload(
      @Schema(type = "string", format = "binary", description = "The document, any type")
          String file,
      @Schema(description = "What the document is; sent as a JSON part") FilingRequest metadata) {}

  private FilingRequest parse(String metadata) {
    try {
      FilingRequest request = json.readValue(metadata, FilingRequest.class);
      if (request == null) {
        throw new InvalidFilingRequest("The part 'metadata' is empty");
      }
      return request;
    } catch (JacksonException e) {
      throw new InvalidFilingRequest(UnreadableJson.describe("The part 'metadata'", e));
    }
  }

  @Operation(
      operationId = "getRecord",
      tags = ApiDescription.RECORDS,
      summary = "Read a record's metadata",
      description =
          "The current metadata version, with its retention shown to those who may see it. Audited.")
  @ProblemStatuses({410})
  @GetMapping("/{id}")
  RecordView get(@PathVariable String id) {
    RecordMetadata record = records.find(id, "record.view");
    audit.success("record.view", record.id().value(), Map.of());
    return view(record);
  }

  /** Corrects named descriptive fields; the answer is the new current version. */
  @Operation(
      operationId = "correctRecord",
      tags = ApiDescription.FILING,
      summary = "Correct a record's metadata",
      description =
          "Corrects the named descriptive fields (title, department, documentDate, fiscalYearEnd, keys, tags) with a reason; writes a new metadata version and answers it. Audited with before and after.")
  @ProblemStatuses({409, 410})
  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  RecordView correct(@PathVariable String id, @RequestBody String body, Principal user) {
    RecordMetadata record = records.find(id, "record.correct");
    MetadataCorrection correction = CorrectionBody.read(json, body, record.keys());
    return view(correct(record, correction, user.getName()));
  }

  /** The one path of a correction, for the API and the UI: rights, the new version, the audit. */
  RecordMetadata correct(RecordMetadata record, MetadataCorrection correction, String user) {
    Actor actor = audit.actor();
    corrections.check(actor, record, correction);
    RecordMetadata corrected = filing.correct(record.id(), correction, user);
    audit.change(
        "record.correct",
        record.id().value(),
        fieldsOf(record, correction.fields()),
        fieldsOf(corrected, correction.fields()));
    return corrected;
  }

  /** The named fields of a version, for the before and after of an audit entry. */
  private static Map<String, Object> fieldsOf(RecordMetadata record, Set<String> fields) {
    Map<String, Object> values = new TreeMap<>();
    for (String field : fields) {
      Object value =
          switch (field) {
            case "title" -> record.title();
            case "department" -> record.department();
            case "documentDate" -> record.documentDate();
            case "fiscalYearEnd" -> record.fiscalYearEnd();
            case "keys" -> record.keys().present();
            case "tags" -> record.tags();
            default -> null;
          };
      values.put(field, value == null ? "" : value.toString());
    }
    return values;
  }

  /** There is no delete: records go only through a disposition run, which leaves evidence. */
  @Operation(
      operationId = "deleteRecord",
      tags = ApiDescription.FILING,
      summary = "Delete a record (always refused)",
      description =
          "There is no delete: records leave the archive only through a disposition run, which leaves a certificate. Answers 409 with the reason (retention, hold).")
  @ProblemStatuses(
      value = {409, 410},
      neverSucceeds = true)
  @DeleteMapping("/{id}")
  void delete(@PathVariable String id) {
    throw retention.refuseDeletion(
        records.find(id, "record.delete"), audit.actor().seesAllDepartments());
  }

  /** Content is never modified; a new version of a document is a new record. */
  @Operation(
      operationId = "replaceContent",
      tags = ApiDescription.FILING,
      summary = "Replace a record's content (always refused)",
      description =
          "The original is never modified: file the new version as a new record. Answers 409.")
  @ProblemStatuses(
      value = {409, 410},
      neverSucceeds = true)
  @PutMapping("/{id}/content")
  void replaceContent(@PathVariable String id) {
    RecordMetadata record = records.find(id, "record.replace");
    throw new RetentionProblem(
        RetentionProblem.Kind.REFUSED,
        "The content of record "
            + record.id()
            + " is never modified; file the new version as a new record");
  }
}
