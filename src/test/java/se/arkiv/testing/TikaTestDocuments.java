package se.arkiv.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Apache Tika's own test documents, from the {@code tika-parser-*:tests} jars that the build copies
 * to {@code target/tika-test-documents/} (see the pom): XXE, recursive embeddings, corrupt and
 * truncated archives, encrypted and damaged office files, over 700 in all. They are read straight
 * from the jars, which are not on the test classpath.
 */
public final class TikaTestDocuments {

  static final Path JARS = Path.of("target/tika-test-documents");
  private static final String FOLDER = "test-documents/";
  private static final Pattern MODULE = Pattern.compile("tika-parser-(.+?)-(module|commons)-");

  private TikaTestDocuments() {}

  /**
   * Copies every test document into {@code folder}, one sub-folder per module, leaving out files
   * whose bytes equal one copied before (the same document sits in several jars; filed twice it
   * would only be answered as a duplicate).
   */
  public static List<HostileFile> copyTo(Path folder) throws IOException {
    List<Path> jars = jars();
    Set<String> seen = new HashSet<>();
    List<HostileFile> copied = new ArrayList<>();
    for (Path jar : jars) {
      String module = module(jar);
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          if (entry.isDirectory() || !entry.getName().startsWith(FOLDER)) {
            continue;
          }
          byte[] content;
          try (InputStream in = zip.getInputStream(entry)) {
            content = in.readAllBytes();
          }
          if (!seen.add(sha256(content))) {
            continue;
          }
          String name = entry.getName().substring(FOLDER.length());
          // Sub-folders inside test-documents/ become part of the file name, never a path.
          Path target = folder.resolve(module).resolve(name.replace('/', '_'));
          Files.createDirectories(target.getParent());
          Files.write(target, content);
          copied.add(new HostileFile(target.getFileName().toString(), target, module));
        }
      }
    }
    return copied;
  }

  private static List<Path> jars() throws IOException {
    if (!Files.isDirectory(JARS)) {
      throw new IllegalStateException(
          JARS.toAbsolutePath()
              + " is missing: run the tests through Maven, which copies Tika's tests jars there"
              + " (generate-test-resources)");
    }
    try (Stream<Path> files = Files.list(JARS)) {
      List<Path> jars = files.filter(p -> p.toString().endsWith("-tests.jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new IllegalStateException("No Tika tests jars in " + JARS.toAbsolutePath());
      }
      return jars;
    }
  }

  private static String module(Path jar) {
    Matcher matcher = MODULE.matcher(jar.getFileName().toString());
    return matcher.find() ? matcher.group(1) : jar.getFileName().toString();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
