package se.arkiv.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everyday documents (PDF, DOCX, e-mail with an attachment) that all share one word to find. */
public final class OrdinaryDocuments {

  private OrdinaryDocuments() {}

  public static List<HostileFile> write(Path folder, int count, String word) throws IOException {
    Files.createDirectories(folder);
    List<HostileFile> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String words = "Beställning " + i + " av " + word + " till kontoret";
      String name;
      byte[] content;
      switch (i % 3) {
        case 0 -> {
          name = "bestallning-" + i + ".pdf";
          content = TestDocuments.pdf(words);
        }
        case 1 -> {
          name = "bestallning-" + i + ".docx";
          content = TestDocuments.docx(words);
        }
        default -> {
          name = "bestallning-" + i + ".eml";
          content = TestDocuments.emlWithAttachment("Beställning " + i, words, "Bilaga " + i);
        }
      }
      Path file = folder.resolve(name);
      Files.write(file, content);
      documents.add(new HostileFile(name, file, "ordinary"));
    }
    return documents;
  }
}
