package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordClass;
import se.arkiv.retention.FilePlanChanges;
import se.arkiv.retention.FilePlanVersion;
import se.arkiv.retention.FilePlanVersions;

/** The file plan in force, its versions, and a records manager's changes to it. */
@RestController
class FilePlanController {

  private final FilePlan filePlan;
  private final FilePlanVersions versions;
  private final FilePlanChanges changes;
  private final AuditRecorder audit;

  FilePlanController(
      FilePlan filePlan, FilePlanVersions versions, FilePlanChanges changes, AuditRecorder audit) {
    this.filePlan = filePlan;
    this.versions = versions;
    this.changes = changes;
    this.audit = audit;
  }

  record FilePlanView(int version, List<RecordClass> classes) {}

  record DecisionRequest(
      String recordClass, String legalSource, FilePlanChanges.Decision decision, String reason) {}

  @Operation(
      operationId = "getFilePlan",
      tags = ApiDescription.FILE_PLAN,
      summary = "Read the file plan",
      description =
          "The plan in force: its version and the record classes with their legal source, retention rules and the rules of replaced laws that still bind older records.")
  @GetMapping("/api/file-plan")
  FilePlanView filePlan() {
    return new FilePlanView(filePlan.version(), filePlan.classes());
  }

  @Operation(
      operationId = "listFilePlanVersions",
      tags = ApiDescription.FILE_PLAN,
      summary = "List the file plan's versions",
      description =
          "Every version, oldest first: who changed the plan, when, why, on what legal source, and what changed.")
  @GetMapping("/api/file-plan/versions")
  List<FilePlanVersion.Summary> history() {
    return versions.history();
  }

  @Operation(
      operationId = "getFilePlanVersion",
      tags = ApiDescription.FILE_PLAN,
      summary = "Read one version of the file plan",
      description = "The whole plan as it stood in that version.")
  @GetMapping("/api/file-plan/versions/{version}")
  FilePlanVersion version(@PathVariable int version) {
    return versions.version(version);
  }

  @Operation(
      operationId = "changeFilePlan",
      tags = ApiDescription.FILE_PLAN,
      summary = "Change or add a record class",
      description =
          "A new version of the plan with one class changed or added, with reason and legalSource. A longer period applies to the records already filed and extends their store locks. A shorter period or another trigger under the same legal source is refused (409) as below the law's minimum; a rule dropped without citing the law that replaced it is refused; a replaced rule keeps binding the records filed before the change, flagged for a decision. 201 with Location.")
  @ApiResponse(
      responseCode = "201",
      description = "The new version",
      content = @Content(schema = @Schema(implementation = FilePlanVersion.class)))
  @ProblemStatuses({409})
  @PostMapping("/api/file-plan/changes")
  ResponseEntity<FilePlanVersion> change(
      @RequestBody FilePlanChanges.ClassChange request, Principal user) {
    FilePlanVersion version = changes.change(request, user.getName());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", version.version());
    details.put("recordClass", String.valueOf(request.recordClass()));
    details.put("legalSource", version.legalSource());
    details.put("reason", version.reason());
    details.put("changes", version.changes());
    audit.success("file-plan.change", String.valueOf(request.recordClass()), details);
    return created(version);
  }

  @Operation(
      operationId = "decideOlderRule",
      tags = ApiDescription.FILE_PLAN,
      summary = "Decide on a replaced law's rule",
      description =
          "For a rule of a law a change replaced, which still binds the records filed before it: KEEP_OLDER_RULE keeps it for those records, APPLY_CURRENT_RULES lets the current rules govern them, refused (409) while the store locks any of them longer than the current rules would keep them. A new version; 201 with Location.")
  @ApiResponse(
      responseCode = "201",
      description = "The new version",
      content = @Content(schema = @Schema(implementation = FilePlanVersion.class)))
  @ProblemStatuses({404, 409})
  @PostMapping("/api/file-plan/decisions")
  ResponseEntity<FilePlanVersion> decide(@RequestBody DecisionRequest request, Principal user) {
    FilePlanVersion version =
        changes.decide(
            request.recordClass(),
            request.legalSource(),
            request.decision(),
            request.reason(),
            user.getName());
    audit.success(
        "file-plan.decide",
        String.valueOf(request.recordClass()),
        Map.of(
            "version", version.version(),
            "legalSource", String.valueOf(request.legalSource()),
            "decision", String.valueOf(request.decision()),
            "reason", String.valueOf(request.reason())));
    return created(version);
  }

  private static ResponseEntity<FilePlanVersion> created(FilePlanVersion version) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", "/api/file-plan/versions/" + version.version())
        .body(version);
  }
}
