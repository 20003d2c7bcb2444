package se.arkiv.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.SAXException;
import se.arkiv.record.OcrPage;

/**
 * One {@code tesseract} process reading an image file as it is (PNG, JPEG, TIFF, JPEG 2000, PGM:
 * whatever Leptonica reads), started directly rather than through Tika's OCR parser, which copies
 * the input, probes the command and runs page segmentation with orientation detection (mode 1)
 * where the command's own default (mode 3) reads upright scans as well, faster. One run writes both
 * hOCR, for each word's confidence, and plain text, for the words as Tesseract lays them out.
 */
final class TesseractRun implements AutoCloseable {

  /** Tesseract's default page segmentation: the layout found automatically, no orientation. */
  static final String AUTOMATIC = "3";

  /** For a page whose layout analysis found nothing: words wherever they are. */
  static final String SPARSE = "11";

  /**
   * One page as Tesseract read it: {@code confidence} is the mean word confidence, 0-100; {@code
   * layout} where each word is, for the archival copy's text layer.
   */
  record Page(String text, double confidence, OcrLayout layout) {}

  private final Process process;
  private final Path output;
  private final Path image;
  private final int timeoutSeconds;

  private TesseractRun(Process process, Path output, Path image, int timeoutSeconds) {
    this.process = process;
    this.output = output;
    this.image = image;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Starts Tesseract on {@code image}; {@code frame} is the page of a multi-page TIFF to read (from
   * 0), or -1 for every page in the file.
   */
  static TesseractRun start(
      Path image,
      int frame,
      String pageSegmentation,
      String languages,
      int timeoutSeconds,
      Path scratch)
      throws IOException {
    Path output = Files.createTempFile(scratch, "ocr-", "");
    List<String> command = new ArrayList<>();
    command.add("tesseract");
    command.add(image.toString());
    command.add(output.toString());
    command.add("-l");
    command.add(languages);
    command.add("--psm");
    command.add(pageSegmentation);
    if (frame >= 0) {
      command.add("-c");
      command.add("tessedit_page_number=" + frame);
    }
    command.add("hocr");
    command.add("txt");
    ProcessBuilder builder = new ProcessBuilder(command);
    // Pages are read in parallel, one process per core: OpenMP threads inside each process
    // would only contend with the other processes (and are slower even alone on 2 cores).
    builder.environment().putIfAbsent("OMP_THREAD_LIMIT", "1");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(output.resolveSibling(output.getFileName() + ".log").toFile());
    try {
      return new TesseractRun(builder.start(), output, image, timeoutSeconds);
    } catch (IOException e) {
      Files.deleteIfExists(output);
      throw e;
    }
  }

  /** The pages read, in order; waits for the process, at most the page timeout. */
  List<Page> await() throws IOException, InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("tesseract took more than " + timeoutSeconds + " s on " + image);
    }
    Path hocr = sibling(".hocr");
    Path txt = sibling(".txt");
    if (process.exitValue() != 0 || !Files.exists(hocr) || !Files.exists(txt)) {
      throw new IOException(
          "tesseract could not read "
              + image.getFileName()
              + " (exit "
              + process.exitValue()
              + "): "
              + lastLine(sibling(".log")));
    }
    OcrLayout.Reader layouts = new OcrLayout.Reader();
    List<OcrPage> confidences = confidences(hocr, layouts);
    if (confidences.isEmpty()) {
      // A page number past the end of the file, or a frame libtiff could not find.
      throw new IOException("tesseract found no page to read in " + image.getFileName());
    }
    // Tesseract separates the pages of its text output by a form feed.
    String[] texts = Files.readString(txt, StandardCharsets.UTF_8).split("\f", -1);
    List<OcrLayout> layout = layouts.pages();
    List<Page> pages = new ArrayList<>();
    for (int i = 0; i < confidences.size(); i++) {
      String text = i < texts.length ? texts[i].strip() : "";
      pages.add(
          new Page(
              text, confidences.get(i).confidence(), i < layout.size() ? layout.get(i) : null));
    }
    return pages;
  }

  private static List<OcrPage> confidences(Path hocr, OcrLayout.Reader layouts) throws IOException {
    OcrConfidence confidence = new OcrConfidence(layouts);
    try (InputStream in = Files.newInputStream(hocr)) {
      // Tika's parser settings: no DTD fetched (hOCR names the XHTML one), no entities expanded.
      XMLReaderUtils.parseSAX(in, confidence, new ParseContext());
    } catch (SAXException | TikaException e) {
      throw new IOException("tesseract wrote hOCR that does not parse: " + e.getMessage(), e);
    }
    return confidence.pages();
  }

  private Path sibling(String suffix) {
    return output.resolveSibling(output.getFileName() + suffix);
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    } catch (IOException e) {
      return "";
    }
  }

  /** Ends the process if it still runs and deletes what it wrote. */
  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(sibling(".hocr"));
    Files.deleteIfExists(sibling(".txt"));
    Files.deleteIfExists(sibling(".log"));
    Files.deleteIfExists(output);
  }
}
