package se.arkiv.filing;

import org.springframework.stereotype.Component;

/** The extraction backlog for other modules: the start page shows it to managers and admins. */
@Component
public class ExtractionProgress {

  private final ExtractionQueue queue;

  ExtractionProgress(ExtractionQueue queue) {
    this.queue = queue;
  }

  public ExtractionBacklog backlog() {
    return queue.backlog();
  }
}
