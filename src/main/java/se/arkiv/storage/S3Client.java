package se.arkiv.storage;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import io.minio.GetObjectRetentionArgs;
import io.minio.MinioAsyncClient;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import okhttp3.Response;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The MinIO SDK's client with the two reads it cannot parse from every store. Ceph RGW gives
 * retain-until dates in nanoseconds ({@code 2026-12-01T18:48:34.982000000Z}); SDK 8.6.0 parses only
 * milliseconds, so its {@code statObject} throws for every object under retention and {@code
 * getObjectRetention} fails. These two requests go through the SDK's own signing and transport and
 * only their answers are read here, with parsers that accept any ISO-8601 fraction.
 */
final class S3Client extends MinioAsyncClient {

  /** What a HEAD of an object says. */
  record Head(long size, Instant lastModified, String versionId, String etag) {}

  /** The Object Lock retention of one object version. */
  record Lock(String mode, Instant retainUntil) {}

  S3Client(MinioAsyncClient client) {
    super(client);
  }

  /** HEAD of the object (of one version when {@code versionId} is set). */
  CompletableFuture<Head> head(String bucket, String key, String versionId) throws Exception {
    StatObjectArgs args = StatObjectArgs.builder().bucket(bucket).object(key).build();
    return executeHeadAsync(args, null, versionQuery(versionId, null))
        .thenApply(
            response -> {
              try (response) {
                return new Head(
                    Long.parseLong(response.header("Content-Length", "0")),
                    ZonedDateTime.parse(
                            response.header("Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant(),
                    response.header("x-amz-version-id"),
                    unquoted(response.header("ETag")));
              }
            });
  }

  /** GET ?retention of the object; empty when the store answers with no retention. */
  CompletableFuture<Optional<Lock>> retention(String bucket, String key, String versionId)
      throws Exception {
    GetObjectRetentionArgs args =
        GetObjectRetentionArgs.builder().bucket(bucket).object(key).build();
    return executeGetAsync(args, null, versionQuery(versionId, "retention"))
        .thenApply(S3Client::parseRetention);
  }

  private static Optional<Lock> parseRetention(Response response) {
    try (response) {
      String xml = response.body() == null ? "" : response.body().string();
      if (xml.isBlank()) {
        return Optional.empty();
      }
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // The answer comes from the network: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      Document document =
          factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
      String mode = text(document, "Mode");
      String until = text(document, "RetainUntilDate");
      if (until == null || until.isBlank()) {
        return Optional.empty();
      }
      // ISO_OFFSET_DATE_TIME takes any fraction, from none to nine digits.
      return Optional.of(
          new Lock(
              mode == null ? null : mode.strip(),
              DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(until.strip(), Instant::from)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("The store's retention answer is not XML: " + e, e);
    }
  }

  private static String text(Document document, String element) {
    var nodes = document.getElementsByTagNameNS("*", element);
    if (nodes.getLength() == 0) {
      nodes = document.getElementsByTagName(element);
    }
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static Multimap<String, String> versionQuery(String versionId, String subresource) {
    Multimap<String, String> query = ArrayListMultimap.create();
    if (subresource != null) {
      query.put(subresource, "");
    }
    if (versionId != null && !versionId.isBlank() && !"null".equals(versionId)) {
      query.put("versionId", versionId);
    }
    return query;
  }

  private static String unquoted(String etag) {
    return etag == null ? "" : etag.replace("\"", "");
  }
}
