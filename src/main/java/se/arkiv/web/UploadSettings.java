package se.arkiv.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code arkiv.upload.max-size}: the largest file one upload may carry. */
@ConfigurationProperties("arkiv.upload")
record UploadSettings(@DefaultValue("512MB") DataSize maxSize) {

  /** Room for the metadata part and multipart framing beside the file. */
  static final long ENVELOPE = 1024 * 1024;

  long maxRequestBytes() {
    return maxSize.toBytes() + ENVELOPE;
  }
}
