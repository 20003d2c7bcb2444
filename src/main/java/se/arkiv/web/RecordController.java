package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import se.arkiv.filing.Filed;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.filing.InvalidFilingRequest;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordNotFound;
import se.arkiv.storage.RecordStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Filing a record and reading it back: metadata, original bytes, extracted text. */
@RestController
@RequestMapping("/api/records")
class RecordController {

  private final FilingService filing;
  private final RecordStore store;
  private final JsonMapper json;

  RecordController(FilingService filing, RecordStore store, JsonMapper json) {
    this.filing = filing;
    this.store = store;
    this.json = json;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<RecordView> file(
      @RequestPart("file") MultipartFile file,
      @RequestPart("metadata") String metadata,
      Principal user)
      throws IOException {
    FilingRequest request = parse(metadata);
    filing.validate(request);
    Filed filed;
    try (InputStream content = file.getInputStream()) {
      filed = filing.file(request, content, file.getOriginalFilename(), user.getName());
    }
    URI location = URI.create("/api/records/" + filed.record().id());
    return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(location)
        .body(RecordView.of(filed.record()));
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
    return RecordView.of(find(id));
  }

  @GetMapping("/{id}/text")
  ResponseEntity<String> text(@PathVariable String id) {
    RecordMetadata record = find(id);
    if (record.extraction().status() != ExtractionStatus.DONE) {
      throw new TextNotAvailable(record);
    }
    String text = store.readText(record.id()).orElseThrow(() -> new TextNotAvailable(record));
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
    RecordMetadata record = find(id);
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
      response.setContentLengthLong(record.size());
      try (InputStream in = store.openOriginal(record.id());
          OutputStream out = response.getOutputStream()) {
        in.transferTo(out);
      }
      return;
    }
    response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
    response.setHeader(
        HttpHeaders.CONTENT_RANGE,
        "bytes " + range.first() + "-" + range.last() + "/" + record.size());
    response.setContentLengthLong(range.length());
    try (InputStream in = store.openOriginal(record.id(), range.first(), range.length());
        OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  private RecordMetadata find(String id) {
    RecordId recordId;
    try {
      recordId = RecordId.of(id);
    } catch (IllegalArgumentException e) {
      throw new RecordNotFound(id);
    }
    return store.require(recordId);
  }
}
