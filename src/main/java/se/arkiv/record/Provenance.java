package se.arkiv.record;

import java.time.Instant;

/**
 * Where an imported record came from: the chain of custody a regulator asks for when an archive is
 * migrated. Null on records filed in Arkiv itself.
 *
 * @param importId the import that filed the record (its audit entries carry the same id)
 * @param legacySystem the name of the system the record was migrated from, as the import named it
 * @param legacyId the record's id in that system
 * @param originalFiledAt when the legacy system says the record was filed
 * @param originalFiledBy who filed it there
 * @param sourceFile the file's path in the import's source folder or bag
 * @param manifestLine the line of the import's manifest that described it
 * @param verifiedChecksum the bag's checksum the file was verified against before it was filed
 *     ({@code sha512:...} or {@code sha256:...}), or null when the source was a plain folder
 */
public record Provenance(
    String importId,
    String legacySystem,
    String legacyId,
    Instant originalFiledAt,
    String originalFiledBy,
    String sourceFile,
    int manifestLine,
    String verifiedChecksum) {}
