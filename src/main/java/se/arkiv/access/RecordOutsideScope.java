package se.arkiv.access;

import se.arkiv.record.RecordNotFound;

/**
 * The record exists but lies outside the caller's departments. It answers exactly as a missing
 * record, so its existence is not disclosed; the edge audits the refusal before passing it on.
 */
public class RecordOutsideScope extends RecordNotFound {
  RecordOutsideScope(String id) {
    super(id);
  }
}
