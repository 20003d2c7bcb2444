package se.arkiv.record;

/**
 * An attachment of a filed e-mail, kept as {@code records/<id>/attachments/<index>}.
 *
 * @param index the attachment's place in the message, from 1
 */
public record Attachment(int index, String fileName, String mediaType, long size, String sha256) {}
