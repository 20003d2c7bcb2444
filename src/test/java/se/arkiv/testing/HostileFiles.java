package se.arkiv.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The hostile suite of issue 11: Tika's own test documents and the bombs made here, each written to
 * a folder. The XXE files point at a canary file the caller made (a random token no document can
 * contain by chance) and at {@code /etc/passwd}; whatever lands in a record's text from either is a
 * leak.
 */
public final class HostileFiles {

  /** Files bigger than this are refused; the 60 MB text stays under it (see the upload limit). */
  public static final long UPLOAD_LIMIT_BYTES = 64L * 1024 * 1024;

  private static final String BOMB = "bomb";

  private final Path folder;
  private final Path canary;
  private final String token;
  private final List<HostileFile> files = new ArrayList<>();

  private HostileFiles(Path folder, Path canary, String token) {
    this.folder = folder;
    this.canary = canary;
    this.token = token;
  }

  /**
   * Tika's test documents and every bomb, written under {@code folder}. {@code canary} holds {@code
   * token} and nothing else; the zip-slip names carry the token too, so an escaped file is found by
   * its name.
   */
  public static List<HostileFile> write(Path folder, Path canary, String token) throws IOException {
    HostileFiles suite = new HostileFiles(folder, canary, token);
    // The bombs first: filed first, they are extracted first, so even a slow drain shows what
    // they do (and they stand in front of everything else in a first-come queue).
    suite.bombs();
    suite.files.addAll(TikaTestDocuments.copyTo(folder.resolve("tika")));
    return List.copyOf(suite.files);
  }

  /** Only the bombs, without Tika's documents. */
  public static List<HostileFile> bombs(Path folder, Path canary, String token) throws IOException {
    HostileFiles suite = new HostileFiles(folder, canary, token);
    suite.bombs();
    return List.copyOf(suite.files);
  }

  /** The file over the upload limit, which must be refused with 413 (kept apart: it is big). */
  public static HostileFile overLimit(Path folder) throws IOException {
    Path file = folder.resolve("over-the-limit.txt");
    writeText(file, UPLOAD_LIMIT_BYTES + 1024 * 1024);
    return new HostileFile(file.getFileName().toString(), file, BOMB);
  }

  private void bombs() throws IOException {
    Files.createDirectories(folder.resolve(BOMB));
    add("nested-42.zip", nestedZip(4, 16, 16 * 1024 * 1024));
    try (OutputStream out = output("zeros-3GiB.gz")) {
      Deflated.gzipZeros(out, 3L * 1024 * 1024 * 1024);
    }
    add("zip-bomb-128MB.zip", TestDocuments.zipBomb(128 * 1024 * 1024));
    add("billion-laughs.xml", billionLaughs());
    add("xxe-canary.xml", xxe("file://" + canary.toAbsolutePath()));
    add("xxe-passwd.xml", xxe("file:///etc/passwd"));
    add("xxe-canary.svg", svgXxe("file://" + canary.toAbsolutePath()));
    add("xinclude-canary.xml", xinclude("file://" + canary.toAbsolutePath()));
    add("xxe-canary.docx", HostileDocuments.docxWithDoctype("file://" + canary.toAbsolutePath()));
    add("xxe-passwd.docx", HostileDocuments.docxWithDoctype("file:///etc/passwd"));
    add("declared-30000x30000.png", HostileDocuments.pngDeclaring(30_000));
    add("zeros-30000x30000.png", HostileDocuments.png(30_000));
    add("page-14400pt.pdf", HostileDocuments.hugePagePdf(14_400, true));
    add("scan-14400pt.pdf", HostileDocuments.hugePagePdf(14_400, false));
    add("page-1000000pt.pdf", HostileDocuments.hugePagePdf(1_000_000, true));
    writeText(folder.resolve(BOMB).resolve("text-60MB.txt"), 60L * 1024 * 1024);
    files.add(
        new HostileFile("text-60MB.txt", folder.resolve(BOMB).resolve("text-60MB.txt"), BOMB));
    add("nested-100000.html", deepHtml(100_000));
    add("zip-slip.zip", zipSlip());
    add("attachment-slip.eml", HostileDocuments.emlWithAttachmentNamed(escapeName("eml")));
    add("encrypted.pdf", TestDocuments.encryptedPdf("Hemlig kontoutdrag"));
    add("encrypted.docx", HostileDocuments.encryptedDocx("Hemligt avtal"));
    byte[] docx = TestDocuments.docx("Avtal som klipptes av mitt i filen");
    add("truncated.docx", Arrays.copyOf(docx, docx.length / 2));
    add("truncated.pdf", TestDocuments.corruptPdf());
    add("empty.pdf", new byte[0]);
  }

  /**
   * The mark in the names of zip-slip entries and attachments, so that a file written outside where
   * it belongs is found by its name. Not the canary token itself: archive entry names are rightly
   * part of an archive's text, the canary's content never is.
   */
  public static String escapeMark(String token) {
    return "utbrytning"
        + Integer.toHexString(new StringBuilder(token).reverse().toString().hashCode());
  }

  /** The file name a zip-slip entry tries to write: far up, then into the temp folder. */
  private String escapeName(String kind) {
    return "../../../../../../../../../tmp/" + escapeMark(token) + "-escaped-" + kind + ".txt";
  }

  private byte[] zipSlip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name :
          List.of(
              "../../etc/x-" + escapeMark(token),
              escapeName("zip"),
              "/etc/arkiv-" + escapeMark(token))) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(("Utbrytning " + name).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * 42.zip's shape: {@code copies} copies of the level below at each level, a file of zeros at the
   * bottom; each level is small because the level below it compresses again.
   */
  static byte[] nestedZip(int levels, int copies, int bottomBytes) throws IOException {
    ByteArrayOutputStream bottom = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bottom)) {
      zip.setLevel(9);
      zip.putNextEntry(new ZipEntry("0.txt"));
      zip.write(new byte[bottomBytes]);
      zip.closeEntry();
    }
    byte[] level = bottom.toByteArray();
    for (int depth = 1; depth < levels; depth++) {
      ByteArrayOutputStream next = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(next)) {
        zip.setLevel(9);
        for (int copy = 0; copy < copies; copy++) {
          zip.putNextEntry(new ZipEntry(depth + "-" + Integer.toHexString(copy) + ".zip"));
          zip.write(level);
          zip.closeEntry();
        }
      }
      level = next.toByteArray();
    }
    return level;
  }

  static byte[] billionLaughs() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
    xml.append(" <!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      xml.append(" <!ENTITY lol").append(i).append(" \"");
      xml.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    xml.append("]>\n<lolz>&lol9;</lolz>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] xxe(String target) {
    return ("<?xml version=\"1.0\"?>\n<!DOCTYPE brev [<!ENTITY ext SYSTEM \""
            + target
            + "\">]>\n<brev><rubrik>Kontoutdrag</rubrik><text>&ext;</text></brev>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] svgXxe(String target) {
    return ("<?xml version=\"1.0\" standalone=\"no\"?>\n<!DOCTYPE svg [<!ENTITY ext SYSTEM \""
            + target
            + "\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
            + "<title>&ext;</title><text x=\"1\" y=\"5\">&ext;</text></svg>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] xinclude(String target) {
    return ("<?xml version=\"1.0\"?>\n<brev xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
            + "<xi:include href=\""
            + target
            + "\" parse=\"text\"/></brev>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] deepHtml(int depth) {
    StringBuilder html = new StringBuilder(depth * 12 + 100);
    html.append("<html><body>");
    html.append("<div>".repeat(depth)).append("djupt nedgrävd text");
    html.append("</div>".repeat(depth)).append("</body></html>");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Plain text of Swedish words, streamed to disk: {@code bytes} of it, in 1 MB lines' blocks. */
  static void writeText(Path file, long bytes) throws IOException {
    String[] words = {
      "bokföring ", "verifikation ", "kontoutdrag ", "reskontra ", "lönespecifikation ",
      "avräkning ", "betalningsorder ", "kvitto ", "momsredovisning ", "bankgiro "
    };
    StringBuilder block = new StringBuilder(1 << 20);
    for (int i = 0; block.length() < (1 << 20) - 100; i++) {
      block.append(words[(i * 7 + i / 10) % words.length]);
      if (i % 12 == 11) {
        block.append('\n');
      }
    }
    byte[] chunk = block.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (long written = 0; written < bytes; written += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
      }
    }
  }

  private OutputStream output(String name) throws IOException {
    Path file = folder.resolve(BOMB).resolve(name);
    files.add(new HostileFile(name, file, BOMB));
    return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  private void add(String name, byte[] content) throws IOException {
    Path file = folder.resolve(BOMB).resolve(name);
    Files.write(file, content);
    files.add(new HostileFile(name, file, BOMB));
  }
}
