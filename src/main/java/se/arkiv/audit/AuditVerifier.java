package se.arkiv.audit;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes the whole chain ({@link ChainVerification}), from the first sealed segment to the
 * durable end of the local one, and checks it against the checkpoints and against the head this
 * service wrote: entries cut off the end are missing even when what is left links up.
 */
@Component
class AuditVerifier {

  private final AuditSegmentWriter writer;
  private final SegmentFiles files;

  AuditVerifier(AuditSegmentWriter writer, SegmentFiles files) {
    this.writer = writer;
    this.files = files;
  }

  AuditTrail.Verification verify() {
    List<JsonNode> checkpoints = files.checkpoints();
    AuditSegmentWriter.Head head = writer.durableHead();
    ChainVerification chain = new ChainVerification(ChainLine.JSON);
    writer.snapshot().forEachLine(files, chain::accept);
    return chain.result(checkpoints, head.seq(), head.hash());
  }
}
