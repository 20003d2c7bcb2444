package se.arkiv.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.minio.MinioAsyncClient;
import io.minio.messages.RetentionMode;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

  @Bean
  ObjectStore objectStore(
      StorageSettings settings, S3Settings s3, Clock clock, MeterRegistry meters) {
    return new MeteredObjectStore(adapter(settings, s3, clock), meters);
  }

  private static ObjectStore adapter(StorageSettings settings, S3Settings s3, Clock clock) {
    return switch (s3.type()) {
      case "filesystem" -> {
        log.info(
            "Object store: filesystem {}. Create-once, retention and legal holds are enforced by"
                + " Arkiv in software (lock files beside the objects); no versions are kept.",
            settings.objectsDir());
        yield new FilesystemObjectStore(settings.objectsDir(), clock);
      }
      case "s3" -> s3Store(s3.s3(), clock);
      default ->
          throw new IllegalStateException(
              "arkiv.storage.type must be filesystem or s3, not '" + s3.type() + "'");
    };
  }

  private static ObjectStore s3Store(S3Settings.S3 s3, Clock clock) {
    if (s3.endpoint() == null || s3.endpoint().isBlank()) {
      throw new IllegalStateException("arkiv.storage.s3.endpoint is required with type s3");
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(s3.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(s3.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(s3.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(true)
            .build();
    MinioAsyncClient client =
        MinioAsyncClient.builder()
            .endpoint(s3.endpoint())
            .region(s3.region())
            .credentials(s3.resolvedAccessKey(), s3.resolvedSecretKey())
            .httpClient(http)
            .build();
    if (!s3.pathStyle()) {
      client.enableVirtualStyleEndpoint();
    }
    String mode = s3.objectLock().mode();
    RetentionMode lockMode =
        mode == null || mode.isBlank()
            ? null
            : RetentionMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
    S3ObjectStore store =
        S3ObjectStore.checked(
            client,
            s3.bucket(),
            s3.partSize().toBytes(),
            s3.endpoint(),
            lockMode,
            s3.objectLock().horizon(),
            clock);
    log.info("Object store: {}. What it guarantees, and what Arkiv does itself:", store.describe());
    for (String line : store.describeGuarantees()) {
      log.info("  {}", line);
    }
    return store;
  }
}
