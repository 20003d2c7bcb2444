package se.arkiv.export;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A BagIt bag (RFC 8493, version 1.0) written straight into a zip file, one folder {@code root}
 * inside it. Each file is hashed with SHA-512 while it is copied in, so nothing is read twice and
 * nothing is held in memory; the payload manifest grows in a spool file beside the zip. The tag
 * files that depend on the whole payload ({@code bag-info.txt} with its Payload-Oxum, the
 * manifests) are written last: a zip's entries may come in any order.
 */
final class BagWriter implements Closeable {

  /** Writes one file's content. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final String root;
  private final DigestOutputStream file;
  private final ZipOutputStream zip;
  private final Path manifestSpool;
  private final Writer manifest;
  private final Map<String, String> tagDigests = new LinkedHashMap<>();
  private long payloadBytes;
  private long payloadFiles;

  BagWriter(Path zipFile, String root) throws IOException {
    this.root = root;
    this.file =
        new DigestOutputStream(
            new BufferedOutputStream(Files.newOutputStream(zipFile), 1 << 16), digest("SHA-256"));
    this.zip = new ZipOutputStream(file, StandardCharsets.UTF_8);
    // Originals are mostly PDFs and scans, compressed already: the fastest level loses little.
    zip.setLevel(Deflater.BEST_SPEED);
    this.manifestSpool = zipFile.resolveSibling(zipFile.getFileName() + ".manifest");
    this.manifest = Files.newBufferedWriter(manifestSpool, StandardCharsets.UTF_8);
  }

  /** A payload file, {@code data/<path>}, listed in {@code manifest-sha512.txt}. */
  void payload(String path, InputStream in) throws IOException {
    payload(path, in::transferTo);
  }

  void payload(String path, Content content) throws IOException {
    String name = "data/" + path;
    Written written = entry(name, content);
    manifest.write(written.sha512() + "  " + encoded(name) + "\n");
    payloadBytes += written.bytes();
    payloadFiles++;
  }

  /** A tag file beside {@code data/}, listed in {@code tagmanifest-sha512.txt}. */
  void tag(String name, Content content) throws IOException {
    tagDigests.put(name, entry(name, content).sha512());
  }

  /**
   * Writes {@code bagit.txt}, {@code bag-info.txt} (the given fields, then Payload-Oxum), the
   * payload manifest and the tag manifest, and closes the zip.
   *
   * @return the SHA-256 of the whole zip file
   */
  String finish(Map<String, String> info) throws IOException {
    tag(
        "bagit.txt",
        out ->
            out.write(
                "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
                    .getBytes(StandardCharsets.UTF_8)));
    Map<String, String> fields = new LinkedHashMap<>(info);
    fields.put("Payload-Oxum", payloadBytes + "." + payloadFiles);
    tag(
        "bag-info.txt",
        out -> {
          StringBuilder text = new StringBuilder();
          fields.forEach(
              (label, value) ->
                  text.append(label).append(": ").append(oneLine(value)).append('\n'));
          out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        });
    manifest.close();
    tag("manifest-sha512.txt", out -> Files.copy(manifestSpool, out));
    Files.delete(manifestSpool);
    StringBuilder tags = new StringBuilder();
    tagDigests.forEach(
        (name, sha) -> tags.append(sha).append("  ").append(encoded(name)).append('\n'));
    entry(
        "tagmanifest-sha512.txt",
        out -> out.write(tags.toString().getBytes(StandardCharsets.UTF_8)));
    zip.finish();
    zip.flush();
    String sha256 = HexFormat.of().formatHex(file.getMessageDigest().digest());
    zip.close();
    return sha256;
  }

  private record Written(String sha512, long bytes) {}

  private Written entry(String name, Content content) throws IOException {
    zip.putNextEntry(new ZipEntry(root + "/" + name));
    Counted out = new Counted(zip);
    content.writeTo(out);
    out.flush();
    zip.closeEntry();
    return new Written(HexFormat.of().formatHex(out.digest.digest()), out.count);
  }

  /** RFC 8493 §2.1.3: in a manifest, a path encodes only CR, LF and %. */
  private static String encoded(String path) {
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
  }

  /** A bag-info value is one line; a query typed over several lines keeps its words. */
  private static String oneLine(String value) {
    return value == null ? "" : value.replaceAll("[\\r\\n]+", " ").strip();
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  /** Closes the zip and removes the manifest spool, after a failure. */
  @Override
  public void close() throws IOException {
    try {
      manifest.close();
      zip.close();
    } finally {
      Files.deleteIfExists(manifestSpool);
    }
  }

  /** Hashes and counts what passes into the zip entry, and never closes the zip. */
  private static final class Counted extends FilterOutputStream {

    private final MessageDigest digest = BagWriter.digest("SHA-512");
    private long count;

    Counted(OutputStream zip) {
      super(zip);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      digest.update(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
