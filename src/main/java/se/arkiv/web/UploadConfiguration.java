package se.arkiv.web;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.arkiv.storage.StorageSettings;

@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

  /**
   * Multipart parts go to disk from the first byte (threshold 0), inside the data folder, so an
   * upload of any size never sits in the heap.
   */
  @Bean
  MultipartConfigElement multipartConfig(UploadSettings upload, StorageSettings storage)
      throws IOException {
    Path parts = storage.dataDir().resolve("uploads").toAbsolutePath();
    Files.createDirectories(parts);
    return new MultipartConfigElement(
        parts.toString(), upload.maxSize().toBytes(), upload.maxRequestBytes(), 0);
  }
}
