package se.arkiv.record;

import java.time.Instant;

/**
 * Why a record is restricted (GDPR art. 18 with art. 17(3)(b)): a data subject asked for erasure,
 * but a law obliges the bank to keep the record until its retention ends. It stays in the archive,
 * out of ordinary search, read only with a reason that is audited, and is destroyed by disposition
 * when its time is up.
 *
 * @param requestId the erasure request that restricted it
 * @param since when it was restricted
 * @param by the records manager who recorded the request
 * @param legalGround why it is kept all the same: the record class's legal source
 */
public record Restriction(String requestId, Instant since, String by, String legalGround) {}
