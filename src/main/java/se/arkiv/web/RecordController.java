package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import se.arkiv.filing.Filed;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.filing.MetadataCorrection;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordNotFound;
import se.arkiv.retention.DispositionRuns;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.retention.RetentionService;
import se.arkiv.security.Actor;
import se.arkiv.storage.RecordStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Filing a record and reading it back: metadata, original bytes, extracted text. */
@RestController
@RequestMapping("/api/records")
class RecordController {

  private final FilingService filing;
  private final RecordStore store;
  private final RetentionService retention;
  private final DispositionRuns dispositions;
  private final AuditRecorder audit;
  private final JsonMapper json;

  RecordController(
      FilingService filing,
      RecordStore store,
      RetentionService retention,
      DispositionRuns dispositions,
      AuditRecorder audit,
      JsonMapper json) {
    this.filing = filing;
    this.store = store;
    this.retention = retention;
    this.dispositions = dispositions;
    this.audit = audit;
    this.json = json;
  }

  /** Hold ids and names are for auditors and records managers; a clerk sees only HELD. */
  private RecordView view(RecordMetadata record) {
    se.arkiv.retention.Retention shown = retention.retentionOf(record);
    if (!audit.actor().seesAllDepartments()) {
      shown =
          new se.arkiv.retention.Retention(
              shown.status(),
              shown.retainUntil(),
              shown.maximumUntil(),
              shown.rule(),
              shown.pendingEvent(),
              shown.conflict(),
              List.of(),
              shown.events());
    }
    return RecordView.of(record, shown);
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<RecordView> file(
      @RequestPart("file") MultipartFile file,
      @RequestPart("metadata") String metadata,
      Principal user)
      throws IOException {
    FilingRequest request = inScope(parse(metadata));
    filing.validate(request);
    Filed filed;
    try (InputStream content = file.getInputStream()) {
      filed = filing.file(request, content, file.getOriginalFilename(), user.getName());
    }
    audit.success(
        filed.created() ? "record.file" : "record.file.duplicate",
        filed.record().id().value(),
        Map.of(
            "recordClass", filed.record().recordClass(),
            "sha256", filed.record().sha256(),
            "size", filed.record().size()));
    URI location = URI.create("/api/records/" + filed.record().id());
    return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(location)
        .body(view(filed.record()));
  }

  /**
   * A clerk files only for their own departments; without one named, the first department of their
   * users-file entry (or token) is used.
   */
  private FilingRequest inScope(FilingRequest request) {
    Actor actor = audit.actor();
    if (actor.seesAllDepartments()) {
      return request;
    }
    String department =
        request.department() == null || request.department().isBlank()
            ? null
            : request.department().strip().toUpperCase(Locale.ROOT);
    if (department == null) {
      if (actor.departments().isEmpty()) {
        throw new OutsideScope("You belong to no department, so you cannot file");
      }
      department = actor.departments().get(0);
    }
    if (!actor.departments().contains(department)) {
      throw new OutsideScope(
          "You may file for the departments " + new TreeSet<>(actor.departments()) + " only");
    }
    return new FilingRequest(
        request.recordClass(),
        request.title(),
        department,
        request.documentDate(),
        request.fiscalYearEnd(),
        request.keys(),
        request.tags());
  }

  private FilingRequest parse(String metadata) {
    try {
      FilingRequest request = json.readValue(metadata, FilingRequest.class);
      if (request == null) {
        throw new InvalidFilingRequest("The part 'metadata' is empty");
      }
      return request;
    } catch (JacksonException e) {
      throw new InvalidFilingRequest(
          "The part 'metadata' is not valid JSON for a filing: " + e.getOriginalMessage());
    }
  }

  @GetMapping("/{id}")
  RecordView get(@PathVariable String id) {
    RecordMetadata record = find(id, "record.view");
    audit.success("record.view", record.id().value(), Map.of());
    return view(record);
  }

  /** Corrects named descriptive fields; the answer is the new current version. */
  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  RecordView correct(@PathVariable String id, @RequestBody String body, Principal user) {
    RecordMetadata record = find(id, "record.correct");
    JsonNode patch = json.readTree(body);
    if (patch == null || !patch.isObject()) {
      throw new InvalidFilingRequest("The body must be a JSON object of fields to correct");
    }
    Set<String> fields = new LinkedHashSet<>(patch.propertyNames());
    fields.remove("reason");
    MetadataCorrection correction =
        new MetadataCorrection(
            fields,
            text(patch, "title"),
            text(patch, "department"),
            value(patch, "documentDate", LocalDate.class),
            value(patch, "fiscalYearEnd", LocalDate.class),
            value(patch, "keys", BusinessKeys.class),
            patch.has("tags") && !patch.get("tags").isNull()
                ? List.of(json.treeToValue(patch.get("tags"), String[].class))
                : null,
            text(patch, "reason"));
    Actor actor = audit.actor();
    if (fields.contains("department") && !actor.maySee(departmentOf(correction))) {
      throw new OutsideScope("You may move records only into your own departments");
    }
    if (!actor.roles().contains(se.arkiv.security.Role.RECORDS_MANAGER)
        && fields.stream().anyMatch(RETENTION_FIELDS::contains)) {
      throw new OutsideScope(
          "Only a records manager may correct " + RETENTION_FIELDS + ": they decide retention");
    }
    if (retention.retentionOf(record).status() == se.arkiv.retention.RetentionStatus.HELD) {
      throw new RetentionProblem(
          RetentionProblem.Kind.REFUSED,
          "Record " + record.id() + " is under legal hold: it is not corrected until released");
    }
    RecordMetadata corrected = filing.correct(record.id(), correction, user.getName());
    audit.change(
        "record.correct",
        record.id().value(),
        fieldsOf(record, fields),
        fieldsOf(corrected, fields));
    return view(corrected);
  }

  /** Fields whose change can move a record's retain-until or take it out of a hold. */
  private static final Set<String> RETENTION_FIELDS =
      Set.of("documentDate", "fiscalYearEnd", "keys");

  private static String departmentOf(MetadataCorrection correction) {
    return correction.department() == null
        ? null
        : correction.department().strip().toUpperCase(Locale.ROOT);
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

  private static String text(JsonNode node, String field) {
    return node.has(field) && !node.get(field).isNull() ? node.get(field).asString() : null;
  }

  private <T> T value(JsonNode node, String field, Class<T> type) {
    return node.has(field) && !node.get(field).isNull()
        ? json.treeToValue(node.get(field), type)
        : null;
  }

  /** One attachment of a filed e-mail, as listed in {@code extraction.attachments}. */
  @GetMapping("/{id}/attachments/{index}")
  void attachment(@PathVariable String id, @PathVariable int index, HttpServletResponse response)
      throws IOException {
    RecordMetadata record = find(id, "record.attachment");
    se.arkiv.record.Attachment attachment =
        record.extraction().attachments().stream()
            .filter(a -> a.index() == index)
            .findFirst()
            .orElseThrow(() -> new RecordNotFound(id + "/attachments/" + index));
    audit.success(
        "record.attachment", record.id().value(), Map.of("attachment", attachment.fileName()));
    response.setContentType(attachment.mediaType());
    response.setContentLengthLong(attachment.size());
    response.setHeader(HttpHeaders.ETAG, "\"" + attachment.sha256() + "\"");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename(attachment.fileName(), StandardCharsets.UTF_8)
            .build()
            .toString());
    response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    try (InputStream in = store.openAttachment(record.id(), index);
        OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  /** The first-page thumbnail, once the background work has made it. */
  @GetMapping("/{id}/preview")
  ResponseEntity<byte[]> preview(@PathVariable String id) throws IOException {
    RecordMetadata record = find(id, "record.preview");
    Optional<InputStream> preview = store.openPreview(record.id());
    if (preview.isEmpty()) {
      throw new PreviewNotAvailable(record.id().value());
    }
    byte[] png;
    try (InputStream in = preview.get()) {
      png = in.readAllBytes();
    }
    audit.success("record.preview", record.id().value(), Map.of());
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png);
  }

  /** There is no delete: records go only through a disposition run, which leaves evidence. */
  @DeleteMapping("/{id}")
  void delete(@PathVariable String id) {
    throw retention.refuseDeletion(find(id, "record.delete"), audit.actor().seesAllDepartments());
  }

  /** Content is never modified; a new version of a document is a new record. */
  @PutMapping("/{id}/content")
  void replaceContent(@PathVariable String id) {
    RecordMetadata record = find(id, "record.replace");
    throw new RetentionProblem(
        RetentionProblem.Kind.REFUSED,
        "The content of record "
            + record.id()
            + " is never modified; file the new version as a new record");
  }

  @GetMapping("/{id}/text")
  ResponseEntity<String> text(@PathVariable String id) {
    RecordMetadata record = find(id, "record.text");
    if (record.extraction().status() != ExtractionStatus.DONE) {
      throw new TextNotAvailable(record);
    }
    String text = store.readText(record.id()).orElseThrow(() -> new TextNotAvailable(record));
    audit.success("record.text", record.id().value(), Map.of());
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
        .body(text);
  }

  /**
   * The original bytes. Always an attachment with nosniff and a sandbox policy: a filed HTML or SVG
   * file must never run as a page of this service.
   */
  @GetMapping("/{id}/content")
  void content(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    RecordMetadata record = find(id, "record.download");
    String etag = "\"" + record.sha256() + "\"";
    response.setHeader(HttpHeaders.ETAG, etag);
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename(record.fileName(), StandardCharsets.UTF_8)
            .build()
            .toString());
    response.setHeader("Content-Security-Policy", "sandbox; default-src 'none'");
    if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatus(HttpStatus.NOT_MODIFIED.value());
      return;
    }
    response.setContentType(record.mediaType());
    ByteRange range = ByteRange.parse(request.getHeader(HttpHeaders.RANGE), record.size());
    if (range == ByteRange.UNSATISFIABLE) {
      response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + record.size());
      response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
      return;
    }
    if (range == null
        || (request.getHeader(HttpHeaders.IF_RANGE) != null
            && !etag.equals(request.getHeader(HttpHeaders.IF_RANGE)))) {
      try (InputStream in = store.openOriginal(record)) {
        auditDownload(record, "all");
        response.setContentLengthLong(record.size());
        try (OutputStream out = response.getOutputStream()) {
          in.transferTo(out);
        }
      }
      return;
    }
    response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
    response.setHeader(
        HttpHeaders.CONTENT_RANGE,
        "bytes " + range.first() + "-" + range.last() + "/" + record.size());
    try (InputStream in = store.openOriginal(record, range.first(), range.length())) {
      auditDownload(record, request.getHeader(HttpHeaders.RANGE));
      response.setContentLengthLong(range.length());
      try (OutputStream out = response.getOutputStream()) {
        in.transferTo(out);
      }
    }
  }

  private void auditDownload(RecordMetadata record, String range) {
    audit.success("record.download", record.id().value(), Map.of("range", range));
  }

  /**
   * The record, if it exists and is inside the caller's department scope. A record outside the
   * scope answers exactly as a missing one (404): its existence is not disclosed. The refusal is
   * audited.
   */
  private RecordMetadata find(String id, String action) {
    RecordId recordId;
    try {
      recordId = RecordId.of(id);
    } catch (IllegalArgumentException e) {
      throw new RecordNotFound(id);
    }
    Actor actor = audit.actor();
    Optional<RecordMetadata> record = store.latest(recordId);
    if (record.isEmpty()) {
      Optional<se.arkiv.retention.Tombstone> tombstone = dispositions.tombstone(recordId);
      if (tombstone.isPresent() && actor.maySee(tombstone.get().department())) {
        throw new RecordDestroyed(tombstone.get());
      }
      throw new RecordNotFound(id);
    }
    if (!actor.maySee(record.get().department())) {
      audit.denied(action, id, "outside the department scope of " + actor.username());
      throw new RecordNotFound(id);
    }
    return record.get();
  }
}
