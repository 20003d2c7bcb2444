package se.arkiv.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.arkiv.record.FilePlan;

/** The file plan browser: every class with its legal sources, periods, triggers and disposition. */
@UiPage
class FilePlanPage {

  private final FilePlan filePlan;

  FilePlanPage(FilePlan filePlan) {
    this.filePlan = filePlan;
  }

  @GetMapping("/file-plan")
  String filePlan(Model model) {
    model.addAttribute("classes", filePlan.classes());
    return "file-plan";
  }
}
