package se.arkiv.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;

/**
 * What reading a page of hits' stored fields costs with each way of compressing them, beside the
 * bytes each way takes: the stored fields of the first documents of an index the service wrote,
 * copied into one segment per way, then 20 random documents read at a time, the ways alternated.
 * Test code only.
 *
 * <pre>exec:java -Dexec.mainClass=se.arkiv.search.StoredFieldsProbe -Dexec.args="INDEX DOCS ROUNDS"
 * </pre>
 */
public final class StoredFieldsProbe {

  private StoredFieldsProbe() {}

  public static void main(String[] args) throws Exception {
    Path source = Path.of(args[0]);
    int docs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    Map<String, Codec> ways = new LinkedHashMap<>();
    ways.put(
        "Lucene912Codec, best compression (DEFLATE, 480 KB chunks)",
        new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION));
    ways.put(
        "Lucene912Codec, best speed (LZ4, 80 KB chunks)",
        new Lucene912Codec(Lucene912Codec.Mode.BEST_SPEED));
    for (int kb : new int[] {30, 60, 120, 240, 480}) {
      ways.put("ArkivCodec (DEFLATE), " + kb + " KB chunks", new ArkivCodec(kb * 1024));
    }
    List<Document> documents = new ArrayList<>();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(source))) {
      StoredFields fields = reader.storedFields();
      for (int doc = 0; doc < Math.min(docs, reader.maxDoc()); doc++) {
        documents.add(fields.document(doc));
      }
    }
    Path work = Files.createTempDirectory("arkiv-stored-");
    Map<String, DirectoryReader> readers = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    for (Map.Entry<String, Codec> way : ways.entrySet()) {
      Path dir = work.resolve("w" + readers.size());
      FSDirectory directory = FSDirectory.open(dir);
      try (IndexWriter writer =
          new IndexWriter(directory, new IndexWriterConfig().setCodec(way.getValue()))) {
        for (Document document : documents) {
          writer.addDocument(document);
        }
        writer.forceMerge(1);
      }
      long size = 0;
      for (String file : directory.listAll()) {
        if (file.endsWith(".fdt") || file.endsWith(".cfs")) {
          size += directory.fileLength(file);
        }
      }
      bytes.put(way.getKey(), size);
      readers.put(way.getKey(), DirectoryReader.open(directory));
    }
    Map<String, long[]> nanos = new LinkedHashMap<>();
    readers.keySet().forEach(way -> nanos.put(way, new long[rounds]));
    Random random = new Random(7);
    for (int round = 0; round < rounds; round++) {
      int[] page = random.ints(20, 0, documents.size()).sorted().toArray();
      for (Map.Entry<String, DirectoryReader> way : readers.entrySet()) {
        StoredFields fields = way.getValue().storedFields();
        long t0 = System.nanoTime();
        for (int doc : page) {
          fields.document(doc);
        }
        nanos.get(way.getKey())[round] = System.nanoTime() - t0;
      }
    }
    System.out.printf(
        "| stored fields | bytes per document | 20 random documents, p50 (ms) |%n| --- | ---: | ---: |%n");
    for (String way : readers.keySet()) {
      long[] sorted = nanos.get(way).clone();
      java.util.Arrays.sort(sorted, rounds / 10, rounds);
      System.out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %.3f |%n",
          way,
          bytes.get(way) / (double) documents.size(),
          sorted[rounds / 10 + (rounds - rounds / 10) / 2] / 1e6);
      readers.get(way).close();
    }
  }
}
