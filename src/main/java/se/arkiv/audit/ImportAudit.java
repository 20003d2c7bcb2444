package se.arkiv.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.arkiv.record.ImportFinished;
import se.arkiv.record.ImportStarted;
import se.arkiv.record.RecordImported;

/**
 * An import is audited as one action with its own id ({@code import.started}, {@code
 * import.finished} with the counts) and each record it files as {@code record.file} like any other
 * filing, one entry each, with the import and manifest line as context. The import runs in the
 * background, after the HTTP request that started it, so its entries are written here.
 */
@Component
class ImportAudit {

  private static final String CLIENT = "import";

  private final AuditTrail trail;

  ImportAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @EventListener
  void on(ImportStarted started) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", started.source());
    details.put("manifest", started.manifest());
    details.put("bag", started.bag());
    details.put("lines", started.lines());
    record(started.startedBy(), "import.started", started.importId(), details);
  }

  @EventListener
  void on(ImportFinished finished) {
    record(
        finished.startedBy(),
        "import.finished",
        finished.importId(),
        Map.of(
            "lines", finished.lines(),
            "filed", finished.filed(),
            "duplicates", finished.duplicates(),
            "refused", finished.refused()));
  }

  @EventListener
  void on(RecordImported imported) {
    record(
        imported.filedBy(),
        imported.created() ? "record.file" : "record.file.duplicate",
        imported.id().value(),
        Map.of(
            "recordClass", imported.recordClass(),
            "sha256", imported.sha256(),
            "size", imported.size(),
            "importId", imported.importId(),
            "line", imported.manifestLine()));
  }

  private void record(String actor, String action, String target, Map<String, Object> details) {
    trail.record(
        new AuditEvent(
            actor,
            List.of(),
            CLIENT,
            action,
            target,
            AuditEvent.Outcome.SUCCESS,
            null,
            details,
            null,
            null));
  }
}
