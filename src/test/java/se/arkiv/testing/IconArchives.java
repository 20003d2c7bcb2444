package se.arkiv.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Archives as banks receive them (issue 17): zip, tar and tar.gz, each full of small images (icons
 * and logos, far too small to hold text) and a short text file. Deterministic for a given seed.
 */
public final class IconArchives {

  private static final String[] KINDS = {"zip", "tar", "tar.gz"};

  private IconArchives() {}

  /** {@code count} archives of {@code icons} images each, written under {@code folder}. */
  public static List<HostileFile> write(Path folder, int count, int icons) throws IOException {
    Files.createDirectories(folder);
    SplittableRandom random = new SplittableRandom(17);
    List<HostileFile> archives = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String kind = KINDS[i % KINDS.length];
      String name = String.format("ikonpaket-%03d.%s", i, kind);
      Path file = folder.resolve(name);
      List<Entry> entries = entries(random, i, icons);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        switch (kind) {
          case "zip" -> zip(out, entries);
          case "tar" -> tar(out, entries);
          default -> {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
              tar(gzip, entries);
            }
          }
        }
      }
      archives.add(new HostileFile(name, file, "archives"));
    }
    return archives;
  }

  private record Entry(String name, byte[] content) {}

  private static List<Entry> entries(SplittableRandom random, int archive, int icons) {
    List<Entry> entries = new ArrayList<>();
    entries.add(
        new Entry(
            "LASMIG.txt",
            ("Leverans " + archive + " av ikoner och logotyper till kundportalen.\n")
                .getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < icons; i++) {
      int side = 16 << random.nextInt(3); // 16, 32 or 64 pixels
      String format = i % 3 == 0 ? "jpg" : "png";
      entries.add(
          new Entry(
              String.format("ikoner/ikon-%02d-%dpx.%s", i, side, format),
              TestDocuments.image(icon(random, side), format.equals("jpg") ? "jpeg" : format)));
    }
    return entries;
  }

  /** A flat-coloured square with a contrasting shape, like an application icon. */
  private static BufferedImage icon(SplittableRandom random, int side) {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(random.nextInt(0xFFFFFF)));
    g.fillRect(0, 0, side, side);
    g.setColor(new Color(random.nextInt(0xFFFFFF)));
    int inset = side / 4;
    if (random.nextBoolean()) {
      g.fillOval(inset, inset, side - 2 * inset, side - 2 * inset);
    } else {
      g.fillRect(inset, inset, side - 2 * inset, side / 3);
    }
    g.dispose();
    return image;
  }

  private static void zip(OutputStream out, List<Entry> entries) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Entry entry : entries) {
      zip.putNextEntry(new ZipEntry(entry.name()));
      zip.write(entry.content());
      zip.closeEntry();
    }
    zip.finish();
  }

  private static void tar(OutputStream out, List<Entry> entries) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    for (Entry entry : entries) {
      TarArchiveEntry header = new TarArchiveEntry(entry.name());
      header.setSize(entry.content().length);
      tar.putArchiveEntry(header);
      tar.write(entry.content());
      tar.closeArchiveEntry();
    }
    tar.finish();
  }
}
