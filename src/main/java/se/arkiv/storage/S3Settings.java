package se.arkiv.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code arkiv.storage.*}: which object store, and for S3 where and as whom. Credentials come from
 * the environment ({@code ARKIV_STORAGE_S3_ACCESS_KEY}, {@code ARKIV_STORAGE_S3_SECRET_KEY}) or
 * from files outside git ({@code arkiv.storage.s3.access-key-file}, {@code .secret-key-file}),
 * never from the repository.
 */
@ConfigurationProperties("arkiv.storage")
public record S3Settings(@DefaultValue("filesystem") String type, @DefaultValue S3 s3) {

  /**
   * Object Lock. With a {@code mode} (COMPLIANCE or GOVERNANCE) every object is written locked
   * until now + {@code horizon}; the retention engine extends locks to each record's retain-until,
   * and a daily task rolls the horizon forward for records still waiting for their event. Without a
   * mode the lock calls do nothing and the application's rules hold.
   */
  public record ObjectLock(String mode, @DefaultValue("P365D") Period horizon) {}

  /** The S3 endpoint and bucket. */
  public record S3(
      String endpoint,
      @DefaultValue("us-east-1") String region,
      @DefaultValue("arkiv") String bucket,
      @DefaultValue("true") boolean pathStyle,
      String accessKey,
      String secretKey,
      Path accessKeyFile,
      Path secretKeyFile,
      @DefaultValue("10s") Duration connectTimeout,
      @DefaultValue("60s") Duration readTimeout,
      @DefaultValue("64MB") DataSize partSize,
      @DefaultValue ObjectLock objectLock) {

    String resolvedAccessKey() {
      return secret(accessKey, accessKeyFile, "access-key");
    }

    String resolvedSecretKey() {
      return secret(secretKey, secretKeyFile, "secret-key");
    }

    private static String secret(String value, Path file, String name) {
      if (value != null && !value.isBlank()) {
        return value;
      }
      if (file != null) {
        try {
          return Files.readString(file).strip();
        } catch (IOException e) {
          throw new IllegalStateException(
              "Cannot read arkiv.storage.s3." + name + "-file " + file, e);
        }
      }
      throw new IllegalStateException(
          "arkiv.storage.s3."
              + name
              + " is not set: give it as ARKIV_STORAGE_S3_"
              + name.toUpperCase(Locale.ROOT).replace('-', '_')
              + " or as a file with arkiv.storage.s3."
              + name
              + "-file");
    }
  }
}
