package se.arkiv.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Keeps a copy of each top-level attachment of an e-mail while Tika parses it, so that the
 * attachments can be listed and downloaded, and still parses each one for the record's text.
 */
final class AttachmentCapture extends BudgetedEmbeddedExtractor {

  private final Path folder;
  private final List<ExtractedText.Attachment> captured = new ArrayList<>();
  private int depth;

  AttachmentCapture(
      ParseContext context, Path folder, RecordBudget budget, Detector detector, boolean ocr) {
    super(context, budget, detector, ocr);
    this.folder = folder;
  }

  @Override
  public void parseEmbedded(
      InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
      throws SAXException, IOException {
    if (depth > 0) {
      // Attachments of attachments are parsed for text but not listed.
      depth++;
      try {
        super.parseEmbedded(stream, handler, metadata, outputHtml);
      } finally {
        depth--;
      }
      return;
    }
    Path copy = Files.createTempFile(folder, "attachment-", ".bin");
    Files.copy(stream, copy, StandardCopyOption.REPLACE_EXISTING);
    String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
    String type = metadata.get(Metadata.CONTENT_TYPE);
    captured.add(
        new ExtractedText.Attachment(
            captured.size() + 1,
            name == null ? "attachment-" + (captured.size() + 1) : name,
            type == null ? "application/octet-stream" : type,
            copy));
    depth++;
    try (TikaInputStream again = TikaInputStream.get(copy)) {
      super.parseEmbedded(again, handler, metadata, outputHtml);
    } finally {
      depth--;
    }
  }

  List<ExtractedText.Attachment> attachments() {
    return captured;
  }
}
