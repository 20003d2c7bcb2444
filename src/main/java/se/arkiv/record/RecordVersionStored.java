package se.arkiv.record;

/**
 * Published after a metadata version of a record was durably stored. {@code text} is the extracted
 * text the version names, when the writer has it at hand (extraction), so that the index need not
 * read it back from the store; null otherwise (a filing, a correction): then whoever needs the text
 * reads it from the store.
 */
public record RecordVersionStored(RecordMetadata metadata, String text) {

  public RecordVersionStored(RecordMetadata metadata) {
    this(metadata, null);
  }
}
