package se.arkiv.web;

/** A record has no preview: not a PDF or image, unreadable, or not made yet. */
class PreviewNotAvailable extends RuntimeException {
  PreviewNotAvailable(String id) {
    super("Record " + id + " has no preview (only PDFs and images get one, once extracted)");
  }
}
