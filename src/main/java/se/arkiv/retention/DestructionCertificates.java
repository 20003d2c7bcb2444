package se.arkiv.retention;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import se.arkiv.filing.FilingRequest;
import se.arkiv.filing.FilingService;
import se.arkiv.record.BusinessKeys;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.storage.JsonDocuments;

/**
 * The certificate of destruction of a run: kept as JSON beside the run and filed as a PDF record of
 * its own class, so it is archived, found and retained like any record.
 */
@Component
class DestructionCertificates {

  static final String CERTIFICATE_CLASS = "DISPOSITION-CERTIFICATE";
  static final String SYSTEM_ACTOR = "arkiv-disposition";

  /** The certificate record of a run, once filed; kept so a resumed run files no second one. */
  record CertificateRecord(String recordId) {}

  private final JsonDocuments documents;
  private final FilingService filing;

  DestructionCertificates(JsonDocuments documents, FilingService filing) {
    this.documents = documents;
    this.filing = filing;
  }

  Optional<CertificateOfDestruction> find(String runId) {
    return documents.read(
        DispositionRunStore.folder(runId) + "certificate.json", CertificateOfDestruction.class);
  }

  /**
   * Files the certificate of a run carried out to its end, and answers its record id; a run resumed
   * after its certificate was filed gets the one filed before.
   */
  String file(DispositionRun run, List<Outcome> outcomes, Instant executedAt, String user) {
    String filedKey = DispositionRunStore.folder(run.id()) + "certificate-record.json";
    Optional<CertificateRecord> filed = documents.read(filedKey, CertificateRecord.class);
    if (filed.isPresent()) {
      return filed.get().recordId();
    }
    byte[] pdf =
        CertificatePdf.render(
            "Arkiv certificate of destruction", lines(run, outcomes, executedAt, user));
    documents.createOrKeep(
        DispositionRunStore.folder(run.id()) + "certificate.json",
        new CertificateOfDestruction(
            run.id(),
            run.startedBy(),
            run.startedAt(),
            run.approvedBy(),
            run.approvedAt(),
            user,
            executedAt,
            run.candidates(),
            outcomes));
    FilingRequest request =
        new FilingRequest(
            CERTIFICATE_CLASS,
            "Certificate of destruction, run " + run.id(),
            null,
            LocalDate.ofInstant(executedAt, RetentionClock.LEGAL_ZONE),
            null,
            new BusinessKeys(null, null, null, null, run.id()),
            List.of("disposition"));
    String recordId =
        filing
            .file(
                request,
                new ByteArrayInputStream(pdf),
                "certificate-" + run.id() + ".pdf",
                SYSTEM_ACTOR)
            .record()
            .id()
            .value();
    documents.createOrKeep(filedKey, new CertificateRecord(recordId));
    return recordId;
  }

  /** The PDF's lines: who did what when, every record destroyed, every one kept and why. */
  private static List<String> lines(
      DispositionRun run, List<Outcome> outcomes, Instant executedAt, String user) {
    List<String> lines = new ArrayList<>();
    lines.add("Run: " + run.id());
    lines.add("Started: " + run.startedAt() + " by " + run.startedBy());
    lines.add(
        "Approved: "
            + (run.approvedBy() == null
                ? "not required (no class needing review)"
                : run.approvedAt() + " by " + run.approvedBy()));
    lines.add("Executed: " + executedAt + " by " + user);
    lines.add("Class filter: " + (run.recordClass() == null ? "all classes" : run.recordClass()));
    long destroyed = outcomes.stream().filter(Outcome::destroyed).count();
    lines.add("Destroyed: " + destroyed + " of " + outcomes.size() + " candidates");
    lines.add("");
    lines.add("Destroyed records (id and class; SHA-256 of the original; rule):");
    Map<String, Candidate> byId = new HashMap<>();
    run.candidates().forEach(c -> byId.put(c.id(), c));
    for (Outcome outcome : outcomes) {
      if (outcome.destroyed()) {
        Candidate c = byId.get(outcome.id());
        lines.add(c.id() + "  " + c.recordClass());
        lines.add("    SHA-256 " + c.sha256());
        lines.add("    retained until " + c.retainUntil() + " by " + c.rule());
      }
    }
    lines.add("");
    lines.add("Not destroyed (id, reason):");
    for (Outcome outcome : outcomes) {
      if (!outcome.destroyed()) {
        lines.add(outcome.id() + "  " + outcome.reason());
      }
    }
    return lines;
  }
}
