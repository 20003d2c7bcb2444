package se.arkiv.record;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads and checks file-plan classes for the parts of the service that keep the plan's versions.
 */
public final class FilePlanFiles {

  private FilePlanFiles() {}

  /** The plan in a file, every class checked; {@link FilePlanInvalid} names a broken field. */
  public static FilePlan load(Path file) {
    return FilePlanLoader.load(file);
  }

  /** One class of a change, with the checks a class in the file gets. */
  public static RecordClass checkClass(
      String code, String title, String disposition, List<RuleText> rules) {
    return FilePlanLoader.checkClass(code, title, disposition, rules);
  }
}
