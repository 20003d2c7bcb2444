package se.arkiv.web;

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
  @PostMapping("/api/imports")
  ResponseEntity<ImportProgress> start(@RequestBody ImportRequest request, Principal user) {
    ImportProgress started = imports.start(request, user.getName());
    return accepted(started);
  }

  /** Resumes an interrupted import (one that stopped on an error); 202 with its progress. */
  @PostMapping("/api/imports/{id}/resume")
  ResponseEntity<ImportProgress> resume(@PathVariable String id) {
    ImportProgress progress = imports.resume(id);
    audit.success("import.resume", id, Map.of("done", progress.done()));
    return accepted(progress);
  }

  @GetMapping("/api/imports")
  List<ImportProgress> all() {
    return imports.all();
  }

  @GetMapping("/api/imports/{id}")
  ImportProgress progress(@PathVariable String id) {
    return imports.progress(id);
  }

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
