package se.arkiv.access;

/**
 * The record is restricted by a data subject's erasure request and the caller may not read it now:
 * they gave no reason, or their role does not read restricted records, or they tried to change it.
 */
public class RecordRestricted extends RuntimeException {

  private final String requestId;

  RecordRestricted(String requestId, String message) {
    super(message);
    this.requestId = requestId;
  }

  /** The erasure request that restricted the record. */
  public String requestId() {
    return requestId;
  }
}
