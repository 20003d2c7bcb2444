package se.arkiv.imports;

/** One import files at a time: two would only share the same disks and threads. */
public class ImportInProgress extends RuntimeException {

  private final String importId;

  ImportInProgress(String importId) {
    super("Import " + importId + " is still filing; start the next one when it has finished");
    this.importId = importId;
  }

  public String importId() {
    return importId;
  }
}
