package se.arkiv.fixity;

/** A run is already checking the store; a second one would only read everything twice. */
public class FixityRunInProgress extends RuntimeException {

  private final String runId;

  public FixityRunInProgress(String runId) {
    super("Fixity run " + runId + " is still running; follow it at /api/fixity/runs/" + runId);
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }
}
