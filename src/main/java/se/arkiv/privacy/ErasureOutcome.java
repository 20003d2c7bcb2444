package se.arkiv.privacy;

import java.time.Instant;

/**
 * What an erasure request did to one record, and why.
 *
 * @param answer {@code RESTRICTED}: a law obliges the bank to keep it (or a legal hold does), so it
 *     is restricted until its retention ends and disposition destroys it; {@code DISPOSITION}: no
 *     law obliges keeping it any more, so it is restricted now and the next disposition run
 *     destroys it; {@code ALREADY_RESTRICTED}: an earlier request restricted it
 * @param retainUntil the end of its retention, or null while it waits for an event
 * @param legalGround the law (or hold) it is kept under
 */
public record ErasureOutcome(
    String recordId, String recordClass, String answer, Instant retainUntil, String legalGround) {}
