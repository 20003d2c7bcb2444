package se.arkiv.search;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene90.DeflateWithPresetDictCompressionMode;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * Lucene's codec with its best compression, except that stored fields are compressed in chunks of
 * 240 KB rather than 480 KB. Every hit shown reads its stored fields (the text for its snippets
 * among them), and reading one document inflates the whole sub-block it lies in (a tenth of a
 * chunk): with Lucene's chunks 20 random hits took 3.3 ms, with 240 KB 2.0 ms, for 7 % more stored
 * bytes; smaller chunks read faster still but would take the index over its 2.5 KB a record
 * (docs/benchmarks.md, stored fields in smaller chunks). Public with a constructor without
 * arguments because Lucene finds a segment's codec by its name, through {@code META-INF/services};
 * a segment records its chunk size, so segments of any size read back.
 */
public final class ArkivCodec extends FilterCodec {

  static final String NAME = "Arkiv912";

  private static final int CHUNK_BYTES = 240 * 1024;

  private final StoredFieldsFormat storedFields;

  public ArkivCodec() {
    this(CHUNK_BYTES);
  }

  /** With stored fields in chunks of {@code chunkBytes}: what the benchmark compares. */
  ArkivCodec(int chunkBytes) {
    super(NAME, new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION));
    // The format's name and Lucene's own block settings for this mode, but for the chunk size.
    this.storedFields =
        new Lucene90CompressingStoredFieldsFormat(
            "ArkivStoredFields", new DeflateWithPresetDictCompressionMode(), chunkBytes, 4096, 10);
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }
}
