package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;
import org.springframework.mock.web.MockHttpServletResponse;

class DownloadsTest {

  @Test
  void aDownloadIsAnInertAttachmentUnderItsOwnUnicodeName() throws Exception {
    var response = new MockHttpServletResponse();
    byte[] bytes = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
    String name = "lönespec \"mars\" 2026.html";

    Downloads.send(response, name, "text/html", bytes.length, new ByteArrayInputStream(bytes));

    assertThat(response.getContentType()).isEqualTo("text/html");
    assertThat(response.getContentLengthLong()).isEqualTo(bytes.length);
    assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
    assertThat(response.getHeader("Content-Security-Policy")).startsWith("sandbox;");
    ContentDisposition disposition =
        ContentDisposition.parse(response.getHeader("Content-Disposition"));
    assertThat(disposition.isAttachment()).isTrue();
    assertThat(disposition.getFilename()).isEqualTo(name);
  }

  @Test
  void aFileShownInTheBrowserSaysSo() {
    ContentDisposition shown =
        ContentDisposition.parse(Downloads.disposition(true, "skanning.pdf"));

    assertThat(shown.isInline()).isTrue();
    assertThat(shown.getFilename()).isEqualTo("skanning.pdf");
  }
}
