package se.arkiv.record;

/**
 * Why a record has no text: every way extraction can end without one has a name, so that a records
 * manager can count and sort them (as Tika's own {@code PipesResult.STATUS} does).
 */
public enum ExtractionFailure {
  /** The parse outlived the extraction timeout; its child process was stopped, twice. */
  TIMEOUT,
  /** The parse ran its child process out of memory, twice. */
  OUT_OF_MEMORY,
  /** The child process died for another reason (a native crash, a JVM error), twice. */
  CRASH,
  /** The file is password-protected. */
  ENCRYPTED,
  /** The file is damaged, truncated, or not what its name says. */
  CORRUPT,
  /** No parser reads this format. */
  UNSUPPORTED,
  /** The file has no bytes. */
  EMPTY,
  /** The file trips a safety limit: a suspected zip bomb, nesting too deep, an image too large. */
  LIMIT
}
