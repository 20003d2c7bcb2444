package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.export.Export;
import se.arkiv.export.ExportRequest;
import se.arkiv.export.Exports;

/** Evidence exports as BagIt bags: asked for, followed, downloaded. */
@RestController
class ExportController {

  private final Exports exports;
  private final AuditRecorder audit;

  ExportController(Exports exports, AuditRecorder audit) {
    this.exports = exports;
    this.audit = audit;
  }

  @Operation(
      operationId = "startExport",
      tags = ApiDescription.EXPORTS,
      summary = "Export evidence as a BagIt bag",
      description =
          "Name exactly one of query (the q syntax of /api/search), holdId, recordClass or recordIds. The selection is resolved at once (records outside your departments are left out; a named record id you may not see is refused like an unknown one), then the bag is written in the background; 202 with Location. 400 for no or several selections, a malformed query, an unknown class or hold.")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted; the bag is being written",
      content = @Content(schema = @Schema(implementation = Export.class)))
  @PostMapping("/api/exports")
  ResponseEntity<Export> start(@RequestBody(required = false) ExportRequest request) {
    Export export = exports.start(request, audit.actor());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("selection", export.selection().describe());
    details.put("records", export.total());
    audit.success("export.create", export.id(), details);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header(HttpHeaders.LOCATION, "/api/exports/" + export.id())
        .body(export);
  }

  @Operation(
      operationId = "listExports",
      tags = ApiDescription.EXPORTS,
      summary = "List your exports",
      description = "The exports you asked for since the service started, oldest first.")
  @GetMapping("/api/exports")
  List<Export> all() {
    return exports.all(audit.actor());
  }

  @Operation(
      operationId = "getExport",
      tags = ApiDescription.EXPORTS,
      summary = "Read an export's state",
      description = "RUNNING (with done of total records), READY or FAILED (with the problem).")
  @GetMapping("/api/exports/{id}")
  Export export(@PathVariable String id) {
    return exports.find(id, audit.actor());
  }

  @Operation(
      operationId = "getExportContent",
      tags = ApiDescription.EXPORTS,
      summary = "Download an export's bag",
      description =
          "The bag as a zip (one folder arkiv-export-<id>); 409 while it is not READY. Verify it with any BagIt tool.")
  @ApiResponse(
      responseCode = "200",
      description = "The zip",
      content =
          @Content(
              mediaType = "application/zip",
              schema = @Schema(type = "string", format = "binary")))
  @ProblemStatuses({409})
  @GetMapping("/api/exports/{id}/content")
  ResponseEntity<Resource> content(@PathVariable String id) {
    Path zip = exports.content(id, audit.actor());
    Export export = exports.find(id, audit.actor());
    audit.success(
        "export.download", id, Map.of("bytes", export.bytes(), "sha256", export.sha256()));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            Downloads.disposition(false, "arkiv-export-" + id + ".zip"))
        .body(new FileSystemResource(zip));
  }
}
