package se.arkiv.record;

/** What happens when a record's retention has ended. */
public enum DispositionAction {
  /** Destroyed by the disposition run without further review. */
  DESTROY,
  /** A records manager other than the one who started the run approves first. */
  REVIEW
}
