package se.arkiv.audit;

import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.arkiv.record.FiledFromInbox;

/** Filings from the inbox folder have no HTTP request behind them; they are audited here. */
@Component
class InboxAudit {

  private final AuditTrail trail;

  InboxAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @EventListener
  void on(FiledFromInbox filed) {
    trail.record(
        new AuditEvent(
            filed.filedBy(),
            List.of(),
            "inbox",
            filed.created() ? "record.file" : "record.file.duplicate",
            filed.id().value(),
            AuditEvent.Outcome.SUCCESS,
            null,
            Map.of(
                "recordClass", filed.recordClass(),
                "sha256", filed.sha256(),
                "inboxFile", filed.fileName()),
            null,
            null));
  }
}
