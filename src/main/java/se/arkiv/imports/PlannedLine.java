package se.arkiv.imports;

import java.nio.file.Path;
import java.time.Instant;
import se.arkiv.filing.FilingRequest;
import se.arkiv.record.Provenance;

/** A manifest row that passed every check: what to file, and the provenance to keep with it. */
record PlannedLine(
    int line,
    Path file,
    String sourceFile,
    FilingRequest request,
    String legacyId,
    Instant originalFiledAt,
    String originalFiledBy,
    String verifiedChecksum) {

  Provenance provenance(String importId, String legacySystem) {
    return new Provenance(
        importId,
        legacySystem,
        legacyId,
        originalFiledAt,
        originalFiledBy,
        sourceFile,
        line,
        verifiedChecksum);
  }
}
