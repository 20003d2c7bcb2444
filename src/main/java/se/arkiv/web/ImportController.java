package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.imports.ImportProgress;
import se.arkiv.imports.ImportReport;
import se.arkiv.imports.ImportRequest;
import se.arkiv.imports.Imports;

/** Bulk imports of a legacy archive, their progress and their report. */
@RestController
class ImportController {

  private final Imports imports;
  private final AuditRecorder audit;

  ImportController(Imports imports, AuditRecorder audit) {
    this.imports = imports;
    this.audit = audit;
  }

  /**
   * 202 once the whole manifest is checked: the import files in the background; follow it at {@code
   * Location}. A bad manifest is answered with every problem and nothing is filed.
   */
  @Operation(
      operationId = "startImport",
      tags = ApiDescription.IMPORTS,
      summary = "Start an import",
      description =
          "Checks the whole manifest first: a bad one answers 422 with every problem in rows, and nothing is filed. Then files in the background; 202 with Location. Refused (409, with importId) while another import is going.")
  @ApiResponse(
      responseCode = "202",
      description = "Started",
      content = @Content(schema = @Schema(implementation = ImportProgress.class)))
  @ProblemStatuses({409, 422})
  @PostMapping("/api/imports")
  ResponseEntity<ImportProgress> start(@RequestBody ImportRequest request, Principal user) {
    ImportProgress started = imports.start(request, user.getName());
    return accepted(started);
  }

  /** Resumes an interrupted import (one that stopped on an error); 202 with its progress. */
  @Operation(
      operationId = "resumeImport",
      tags = ApiDescription.IMPORTS,
      summary = "Resume an import",
      description = "Resumes an import that stopped on an error; 202 with its progress.")
  @ApiResponse(
      responseCode = "202",
      description = "Resumed",
      content = @Content(schema = @Schema(implementation = ImportProgress.class)))
  @ProblemStatuses({409})
  @PostMapping("/api/imports/{id}/resume")
  ResponseEntity<ImportProgress> resume(@PathVariable String id) {
    ImportProgress progress = imports.resume(id);
    audit.success("import.resume", id, Map.of("done", progress.done()));
    return accepted(progress);
  }

  @Operation(
      operationId = "listImports",
      tags = ApiDescription.IMPORTS,
      summary = "List imports",
      description = "Every import with its progress.")
  @GetMapping("/api/imports")
  List<ImportProgress> all() {
    return imports.all();
  }

  @Operation(
      operationId = "getImport",
      tags = ApiDescription.IMPORTS,
      summary = "Read an import's progress",
      description = "One import's progress.")
  @GetMapping("/api/imports/{id}")
  ImportProgress progress(@PathVariable String id) {
    return imports.progress(id);
  }

  @Operation(
      operationId = "getImportReport",
      tags = ApiDescription.IMPORTS,
      summary = "Read an import's report",
      description = "The outcome of every line of the manifest.")
  @GetMapping("/api/imports/{id}/report")
  ImportReport report(@PathVariable String id) {
    return imports.report(id);
  }

  private static ResponseEntity<ImportProgress> accepted(ImportProgress progress) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header("Location", "/api/imports/" + progress.id())
        .body(progress);
  }
}
