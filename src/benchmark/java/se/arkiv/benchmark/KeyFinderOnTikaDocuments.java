package se.arkiv.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.tika.Tika;
import se.arkiv.record.EntityKeyFinder;
import se.arkiv.record.EntityKeys;
import se.arkiv.testing.HostileFile;
import se.arkiv.testing.TikaTestDocuments;

/**
 * What the key finder reports on text nobody labelled for it: Apache Tika's own test documents
 * (over 700 real files in many formats, none written for Swedish back offices), each key printed
 * with its file so a person can judge whether it is really there. Run with {@code ./mvnw -q
 * test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=se.arkiv.benchmark.KeyFinderOnTikaDocuments}.
 */
public final class KeyFinderOnTikaDocuments {

  private KeyFinderOnTikaDocuments() {}

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("tika-docs");
    List<HostileFile> files = TikaTestDocuments.copyTo(folder);
    Tika tika = new Tika();
    tika.setMaxStringLength(2_000_000);
    ExecutorService parser =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "parse");
              t.setDaemon(true);
              return t;
            });
    int read = 0;
    long characters = 0;
    int keys = 0;
    for (HostileFile file : files) {
      if (Files.size(file.path()) > 20_000_000) {
        continue;
      }
      Future<String> text = parser.submit(() -> tika.parseToString(file.path()));
      String content;
      try {
        content = text.get(20, TimeUnit.SECONDS);
      } catch (Exception | Error e) {
        text.cancel(true);
        continue;
      }
      read++;
      characters += content.length();
      EntityKeys found = EntityKeyFinder.find(content, LocalDate.of(2026, 12, 2));
      if (!found.isEmpty()) {
        keys += found.byField().values().stream().mapToInt(List::size).sum();
        System.out.println(file.label() + ": " + found.byField());
      }
    }
    System.out.printf(
        "%d of %d files read, %,d characters, %d keys found%n",
        read, files.size(), characters, keys);
    System.exit(0);
  }
}
