package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.arkiv.record.OcrPage;
import se.arkiv.testing.TestDocuments;

/**
 * A TIFF stack read by real Tesseract with one process (the whole stack in one run) or several (a
 * process per page): the same pages, in order, with their words.
 */
class ImagePageOcrTest {

  @TempDir Path scratch;

  @ParameterizedTest(name = "{0} Tesseract processes")
  @ValueSource(ints = {1, 3})
  void everyPageOfAStackIsReadInOrderWhateverTheNumberOfProcesses(int processes) throws Exception {
    assumeTrue(TesseractCheck.available(), "tesseract is not installed");
    Path tiff =
        Files.write(
            scratch.resolve("stack.tif"),
            TestDocuments.multiPageTiff(
                TestDocuments.scan(1, "Första sidan om lönespecifikationen"),
                TestDocuments.scan(-1, "Andra sidan med semesterersättning"),
                TestDocuments.scan(0, "Tredje sidan om traktamentet")));
    TesseractOCRConfig config = new TesseractOCRConfig();
    config.setLanguage("swe+eng");
    config.setTimeoutSeconds(120);

    PdfPageOcr.Result read = ImagePageOcr.read(tiff, config, scratch, new OcrProcesses(processes));

    assertThat(read.pages()).extracting(OcrPage::page).containsExactly(1, 2, 3);
    assertThat(read.pages()).allSatisfy(page -> assertThat(page.confidence()).isGreaterThan(50));
    assertThat(read.text())
        .containsSubsequence("lönespecifikationen", "semesterersättning", "traktamentet");
    try (var left = Files.list(scratch)) {
      assertThat(left).containsExactly(tiff); // Tesseract's output files are gone
    }
  }
}
