package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written with Arkiv's codec opens again by the codec's name, beside segments Lucene's own
 * codec wrote before (an index from an earlier release), and a merge of both keeps every stored
 * value.
 */
class ArkivCodecTest {

  @TempDir Path folder;

  @Test
  void segmentsOfArkivsCodecAndOfLucenesOwnOpenAndMergeTogether() throws Exception {
    assertThat(Codec.forName(ArkivCodec.NAME)).isInstanceOf(ArkivCodec.class);
    try (FSDirectory directory = FSDirectory.open(folder)) {
      write(directory, new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION), 0);
      write(directory, LuceneIndex.CODEC, 500);
      assertThat(SegmentInfos.readLatestCommit(directory).asList())
          .extracting(segment -> segment.info.getCodec().getName())
          .containsExactly("Lucene912", ArkivCodec.NAME);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertStored(reader, 1_000);
      }
      try (IndexWriter writer =
          new IndexWriter(directory, new IndexWriterConfig().setCodec(LuceneIndex.CODEC))) {
        writer.forceMerge(1);
      }
      assertThat(SegmentInfos.readLatestCommit(directory).asList())
          .extracting(segment -> segment.info.getCodec().getName())
          .containsExactly(ArkivCodec.NAME);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertStored(reader, 1_000);
      }
    }
  }

  private static void write(FSDirectory directory, Codec codec, int from) throws Exception {
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(codec))) {
      for (int i = from; i < from + 500; i++) {
        Document doc = new Document();
        doc.add(new StringField("n", Integer.toString(i), Field.Store.YES));
        doc.add(new StoredField("text", ("record " + i + " ").repeat(200)));
        writer.addDocument(doc);
      }
    }
  }

  private static void assertStored(DirectoryReader reader, int count) throws Exception {
    assertThat(reader.numDocs()).isEqualTo(count);
    StoredFields fields = reader.storedFields();
    boolean[] seen = new boolean[count];
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      Document stored = fields.document(doc);
      int n = Integer.parseInt(stored.get("n"));
      assertThat(stored.get("text")).isEqualTo(("record " + n + " ").repeat(200));
      seen[n] = true;
    }
    for (int n = 0; n < count; n++) {
      assertThat(seen[n]).as("record %d", n).isTrue();
    }
  }
}
