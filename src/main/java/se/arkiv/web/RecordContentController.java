package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.record.Attachment;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordNotFound;
import se.arkiv.storage.RecordStore;

/**
 * A record's bytes: the original (with ranges), its extracted text, preview, archival copy and
 * attachments. The UI reads them at the same paths without {@code /api} (its session, not HTTP
 * Basic), through the same scope checks and audit entries.
 */
@RestController
@RequestMapping({"/api/records", "/records"})
class RecordContentController {

  private final RecordStore store;
  private final ScopedRecords records;
  private final AuditRecorder audit;

  RecordContentController(RecordStore store, ScopedRecords records, AuditRecorder audit) {
    this.store = store;
    this.records = records;
    this.audit = audit;
  }

  /** One attachment of a filed e-mail, as listed in {@code extraction.attachments}. */
  @Operation(
      operationId = "getAttachment",
      tags = ApiDescription.RECORDS,
      summary = "Download an attachment of a filed e-mail",
      description =
          "One attachment, as listed in the record's extraction.attachments, as a download. Audited.")
  @ApiResponse(
      responseCode = "200",
      description = "The attachment's bytes",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = "string", format = "binary")))
  @ProblemStatuses({410})
  @GetMapping("/{id}/attachments/{index}")
  void attachment(@PathVariable String id, @PathVariable int index, HttpServletResponse response)
      throws IOException {
    RecordMetadata record = records.find(id, "record.attachment");
    Attachment attachment =
        record.extraction().attachments().stream()
            .filter(a -> a.index() == index)
            .findFirst()
            .orElseThrow(() -> new RecordNotFound(id + "/attachments/" + index));
    audit.success(
        "record.attachment", record.id().value(), Map.of("attachment", attachment.fileName()));
    response.setHeader(HttpHeaders.ETAG, "\"" + attachment.sha256() + "\"");
    Downloads.send(
        response,
        attachment.fileName(),
        attachment.mediaType(),
        attachment.size(),
        store.openAttachment(record.id(), index));
  }

  /** The first-page thumbnail, once the background work has made it. */
  @Operation(
      operationId = "getPreview",
      tags = ApiDescription.RECORDS,
      summary = "Read a record's first-page thumbnail",
      description =
          "A PNG of the first page, once the background work has made it (404 until then). Audited.")
  @ApiResponse(
      responseCode = "200",
      description = "The thumbnail",
      content =
          @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
  @ProblemStatuses({410})
  @GetMapping("/{id}/preview")
  ResponseEntity<byte[]> preview(@PathVariable String id) throws IOException {
    RecordMetadata record = records.find(id, "record.preview");
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

  /**
   * The PDF/A-2b archival copy, made beside the untouched original when the record's text was
   * extracted. Read under the same scope as the original and audited as a download of it.
   */
  @Operation(
      operationId = "getArchivalCopy",
      tags = ApiDescription.RECORDS,
      summary = "Download a record's PDF/A archival copy",
      description =
          "A PDF/A-2b rendition for long-term reading, made with the text extraction: the page images of a scan or PDF with an invisible text layer (OCR's words where they were found, or the PDF's own text). 404 while extraction is pending; 409 with the reason when none is made (office files, e-mails, encrypted or damaged PDFs): the original still downloads. Audited as a download.")
  @ApiResponse(
      responseCode = "200",
      description = "The archival copy",
      content =
          @Content(
              mediaType = "application/pdf",
              schema = @Schema(type = "string", format = "binary")))
  @ProblemStatuses({409, 410})
  @GetMapping("/{id}/archival")
  void archival(@PathVariable String id, HttpServletResponse response) throws IOException {
    RecordMetadata record = records.find(id, "record.download");
    if (record.extraction().archival() == null || !record.extraction().archival().isMade()) {
      throw ArchivalCopyNotAvailable.of(record);
    }
    RecordStore.StoredCopy copy =
        store.openArchival(record.id()).orElseThrow(ArchivalCopyNotAvailable::missing);
    try (InputStream in = copy.content()) {
      audit.success(
          "record.download",
          record.id().value(),
          Map.of("range", "all", "copy", "archival", "conformance", "PDF/A-2b"));
      Downloads.send(
          response,
          archivalFileName(record.fileName()),
          MediaType.APPLICATION_PDF_VALUE,
          copy.size(),
          in);
    }
  }

  /** {@code scan.tif} downloads as {@code scan-archival.pdf}, beside the original's name. */
  static String archivalFileName(String original) {
    String name = original == null || original.isBlank() ? "record" : original;
    int dot = name.lastIndexOf('.');
    return (dot > 0 ? name.substring(0, dot) : name) + "-archival.pdf";
  }

  @Operation(
      operationId = "getText",
      tags = ApiDescription.RECORDS,
      summary = "Read a record's extracted text",
      description =
          "The text Tika (and OCR) extracted; 404 while extraction is pending or when it failed. Audited.")
  @ApiResponse(
      responseCode = "200",
      description = "The extracted text",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @ProblemStatuses({410})
  @GetMapping("/{id}/text")
  ResponseEntity<String> text(@PathVariable String id) {
    RecordMetadata record = records.find(id, "record.text");
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
  @Operation(
      operationId = "getContent",
      tags = ApiDescription.RECORDS,
      summary = "Download a record's original",
      description =
          "The filed bytes, always with nosniff and a sandboxing Content-Security-Policy; inline=true opens PDFs and images in the browser. Supports Range (206), If-Range and If-None-Match (304). Audited.")
  @ApiResponse(
      responseCode = "200",
      description = "The original bytes",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(
      responseCode = "206",
      description = "The requested byte range",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "304", description = "Not modified (the ETag matches)")
  @ProblemStatuses({410, 416})
  @GetMapping("/{id}/content")
  void content(
      @PathVariable String id,
      @RequestParam(defaultValue = "false") boolean inline,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    RecordMetadata record = records.find(id, "record.download");
    boolean shownInline = inline && showsInline(record.mediaType());
    String etag = "\"" + record.sha256() + "\"";
    response.setHeader(HttpHeaders.ETAG, etag);
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION, Downloads.disposition(shownInline, record.fileName()));
    // A PDF shown in the browser's own viewer cannot be sandboxed (the viewer would not start); it
    // still may load nothing from anywhere. Everything else is an inert download.
    response.setHeader(
        "Content-Security-Policy",
        shownInline && record.mediaType().equals("application/pdf")
            ? "default-src 'none'; object-src 'self'; plugin-types application/pdf"
            : Downloads.INERT + "; img-src 'self'");
    if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatus(HttpStatus.NOT_MODIFIED.value());
      return;
    }
    response.setContentType(record.mediaType());
    ByteRange range = ByteRange.parse(request.getHeader(HttpHeaders.RANGE), record.size());
    if (range == ByteRange.UNSATISFIABLE) {
      throw new RangeNotSatisfiable(request.getHeader(HttpHeaders.RANGE), record.size());
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

  /** PDFs and the image types every browser renders open in the browser when asked to. */
  static boolean showsInline(String mediaType) {
    return switch (mediaType) {
      case "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp" -> true;
      default -> false;
    };
  }

  private void auditDownload(RecordMetadata record, String range) {
    audit.success("record.download", record.id().value(), Map.of("range", range));
  }
}
