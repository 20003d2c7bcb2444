package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.ExportedBags;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.SpawnedArkiv;
import tools.jackson.databind.JsonNode;

/**
 * An upload larger than the service's whole heap is filed, hashed and read back, and exported as an
 * evidence bag that is downloaded and verified: proof that filing and exporting stream and never
 * hold a file in memory. The service runs in a process of its own with a small heap, so the proof
 * needs a few hundred megabytes, not more than the test's own heap of a gigabyte.
 */
class LargeUploadIT {

  /** The service's heap, and an upload a good deal larger. */
  private static final String HEAP = "256m";

  private static final long SIZE = 320L * 1024 * 1024;

  @Test
  void filesAnUploadLargerThanTheHeapWithTheRightHash() throws Exception {
    Path root = RunningArkiv.newRoot();
    long free = Files.getFileStore(root).getUsableSpace();
    assumeTrue(free > 6 * SIZE, "needs about 2 GB free in the temp folder, has " + free);

    try (SpawnedArkiv arkiv =
        SpawnedArkiv.start(root, HEAP, Map.of("arkiv.upload.max-size", "1GB"))) {
      ArkivClient client = arkiv.client();
      PatternStream content = new PatternStream(SIZE);
      Response filed =
          client.fileStreaming(
              CLERK, "stor-export.bin", content, "{\"recordClass\":\"CORRESPONDENCE\"}");

      assertThat(filed.status()).as(filed.text()).isEqualTo(201);
      assertThat(filed.json().get("size").asLong()).isEqualTo(SIZE);
      assertThat(filed.json().get("sha256").asString()).isEqualTo(content.sha256());

      String id = filed.json().get("id").asString();
      Response tail =
          client.get(
              "/api/records/" + id + "/content", AUDITOR, "Range", "bytes=" + (SIZE - 16) + "-");
      assertThat(tail.status()).isEqualTo(206);
      byte[] expected = new byte[16];
      for (int i = 0; i < 16; i++) {
        expected[i] = PatternStream.byteAt(SIZE - 16 + i);
      }
      assertThat(tail.body()).isEqualTo(expected);

      exportsAsAValidBag(root, client, id);
    } finally {
      try (var files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void exportsAsAValidBag(Path root, ArkivClient client, String id)
      throws Exception {
    long began = System.nanoTime();
    Response started = client.post("/api/exports", AUDITOR, "{\"recordIds\":[\"" + id + "\"]}");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String location = started.header("Location");
    JsonNode ready =
        Awaitility.await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> client.get(location, AUDITOR).json(),
                e -> !"RUNNING".equals(e.get("state").asString()));
    assertThat(ready.get("state").asString()).as(ready.toString()).isEqualTo("READY");
    double written = (System.nanoTime() - began) / 1e9;
    Path zip = root.resolve("export.zip");
    assertThat(client.download(location + "/content", AUDITOR, zip)).isEqualTo(200);
    Path bag;
    try (InputStream in = Files.newInputStream(zip)) {
      bag = ExportedBags.unzip(in, "arkiv-export-" + ready.get("id").asString(), root);
    }
    Files.delete(zip);
    long verifying = System.nanoTime();
    ExportedBags.verify(bag);
    System.out.printf(
        "LargeUploadIT: a bag of %d MB written in %.1f s (zip %d MB), verified by the LoC"
            + " library in %.1f s%n",
        SIZE >> 20,
        written,
        ready.get("bytes").asLong() >> 20,
        (System.nanoTime() - verifying) / 1e9);
  }

  /** A deterministic stream of bytes that hashes itself as it is read. */
  private static final class PatternStream extends InputStream {
    private final long size;
    private final MessageDigest digest;
    private long position;

    PatternStream(long size) throws Exception {
      this.size = size;
      this.digest = MessageDigest.getInstance("SHA-256");
    }

    static byte byteAt(long position) {
      return (byte) ((position * 31 + (position >>> 13)) & 0xFF);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = byteAt(position + i);
      }
      digest.update(buffer, offset, n);
      position += n;
      return n;
    }

    String sha256() throws IOException {
      if (position != size) {
        throw new IOException("stream not fully read: " + position + " of " + size);
      }
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
