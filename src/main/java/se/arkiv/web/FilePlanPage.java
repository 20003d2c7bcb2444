package se.arkiv.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.arkiv.record.FilePlan;
import se.arkiv.record.OlderRule;
import se.arkiv.retention.FilePlanVersion;
import se.arkiv.retention.FilePlanVersions;

/**
 * The file plan browser: every class with its legal sources, periods, triggers and disposition, the
 * rules of replaced laws that still bind older records, and the plan's versions.
 */
@UiPage
class FilePlanPage {

  private final FilePlan filePlan;
  private final FilePlanVersions versions;

  FilePlanPage(FilePlan filePlan, FilePlanVersions versions) {
    this.filePlan = filePlan;
    this.versions = versions;
  }

  /** A replaced law's rule with the class it belongs to, for one table row. */
  record ClassOlderRule(String recordClass, OlderRule older) {}

  @GetMapping("/file-plan")
  String filePlan(Model model) {
    model.addAttribute("classes", filePlan.classes());
    model.addAttribute("version", filePlan.version());
    List<ClassOlderRule> older = new ArrayList<>();
    filePlan
        .classes()
        .forEach(c -> c.olderRules().forEach(o -> older.add(new ClassOlderRule(c.code(), o))));
    model.addAttribute("olderRules", older);
    List<FilePlanVersion.Summary> history = new ArrayList<>(versions.history());
    Collections.reverse(history);
    model.addAttribute("history", history);
    return "file-plan";
  }
}
