package se.arkiv.web;

import org.springframework.web.multipart.MultipartFile;

/**
 * The name of an uploaded file as its user named it. Browsers write a multipart file name with the
 * double quote, CR and LF percent-encoded (the HTML standard's form-data encoding) and nothing
 * else: {@code drop "zone".txt} arrives as {@code drop %22zone%22.txt}, and was kept that way. Only
 * these three are decoded; a {@code %} before anything else is the name's own. The name is then
 * made safe by filing, as every file name is.
 */
final class UploadedFileName {

  private UploadedFileName() {}

  static String of(MultipartFile file) {
    String sent = file.getOriginalFilename();
    return sent == null
        ? null
        : sent.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
  }
}
