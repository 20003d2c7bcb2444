package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordClass;

/** The file plan as loaded at start-up. */
@RestController
class FilePlanController {

  private final FilePlan filePlan;

  FilePlanController(FilePlan filePlan) {
    this.filePlan = filePlan;
  }

  record FilePlanView(List<RecordClass> classes) {}

  @Operation(
      operationId = "getFilePlan",
      tags = ApiDescription.FILE_PLAN,
      summary = "Read the file plan",
      description =
          "The record classes as loaded at start-up, with their legal source and retention rules.")
  @GetMapping("/api/file-plan")
  FilePlanView filePlan() {
    return new FilePlanView(filePlan.classes());
  }
}
